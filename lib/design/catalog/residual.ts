import { z } from 'zod';
import { defineNodeType, type InferContext, type InferredOutput, type PortSpec } from './types.ts';
import { DropoutP, LayerNormEps } from './params.ts';

const RESIDUAL_PORTS: readonly PortSpec[] = [
  { name: 'residual', direction: 'in', kind: 'sequence', required: true, label: 'x (skip path)' },
  { name: 'sublayer', direction: 'in', kind: 'sequence', required: true, label: 'sublayer(x)' },
  { name: 'out', direction: 'out', kind: 'sequence', label: 'sum' },
];

/** The sum x + sublayer(x): both must have the same shape. */
function residualSum<P>(ctx: InferContext<P>): Record<string, InferredOutput> | null {
  const x = ctx.input('residual')!;
  const y = ctx.input('sublayer')!;
  if (x.shape[2] !== y.shape[2]) {
    ctx.report(
      'residual-width-mismatch',
      `The skip path has width ${x.shape[2]} but the sublayer output has width ${y.shape[2]}.`,
      'A residual connection adds the two element by element, so the sublayer must return the width it was given.',
      { port: 'sublayer' },
    );
    return null;
  }
  if (x.shape[1] !== y.shape[1] || x.shape[0] !== y.shape[0]) {
    ctx.report(
      'residual-length-mismatch',
      `The skip path is [${x.shape.join(', ')}] but the sublayer output is [${y.shape.join(', ')}].`,
      'Both inputs of a residual sum must come from the same sequence.',
      { port: 'sublayer' },
    );
    return null;
  }
  return { out: { shape: [...x.shape] } };
}

/** Residual connection: x + dropout(sublayer). */
export const add = defineNodeType({
  type: 'add',
  displayName: 'Add (residual)',
  group: 'normalization',
  teaching:
    'A residual connection adds a layer\'s input back to its output, so the layer only has to learn a correction. ' +
    'Gradients flow straight through the sum, which is what lets Transformers stack dozens of layers.',
  params: z.strictObject({ dropout: DropoutP.default(0) }),
  ports: () => RESIDUAL_PORTS,
  dropoutRate: (p) => p.dropout,
  infer: residualSum,
});

const NORM_PORTS: readonly PortSpec[] = [
  { name: 'in', direction: 'in', kind: 'sequence', required: true, label: 'x' },
  { name: 'out', direction: 'out', kind: 'sequence', label: 'normalised' },
];

/** LayerNorm over the last dimension, biased variance, affine. */
export const layerNorm = defineNodeType({
  type: 'layer-norm',
  displayName: 'Layer norm',
  group: 'normalization',
  teaching:
    'Rescales each position\'s vector to mean 0 and variance 1, then applies a learned scale and shift. ' +
    'Keeping activations at a steady size makes deep stacks trainable. Placed before each sublayer (pre-LN) it makes training stable even without warm-up.',
  params: z.strictObject({ eps: LayerNormEps.default(1e-5) }),
  ports: () => NORM_PORTS,
  infer: (ctx) => ({ out: { shape: [...ctx.input('in')!.shape] } }),
});

/** Post-LN in one node: LayerNorm(x + dropout(sublayer)), the paper's "Add & Norm". */
export const addNorm = defineNodeType({
  type: 'add-norm',
  displayName: 'Add & Norm',
  group: 'normalization',
  teaching:
    'The original paper\'s step after every sublayer: add the input back (residual) and then normalise, LayerNorm(x + Sublayer(x)). ' +
    'This post-LN order needs a learning-rate warm-up in deep models; the pre-LN alternative normalises before the sublayer instead.',
  params: z.strictObject({ dropout: DropoutP.default(0), eps: LayerNormEps.default(1e-5) }),
  ports: () => RESIDUAL_PORTS,
  dropoutRate: (p) => p.dropout,
  infer: residualSum,
});
