import { z } from 'zod';
import { defineNodeType, type PortSpec } from './types.ts';
import { Activation, DropoutP, HiddenWidth } from './params.ts';

const SEQUENCE_PORTS: readonly PortSpec[] = [
  { name: 'in', direction: 'in', kind: 'sequence', required: true, label: 'x' },
  { name: 'out', direction: 'out', kind: 'sequence', label: 'y' },
];

/** Position-wise Linear → activation → dropout → Linear, back to the input width. */
export const feedForward = defineNodeType({
  type: 'feed-forward',
  displayName: 'Feed-forward',
  group: 'layers',
  teaching:
    'Two linear layers with a non-linearity between them, applied to every position separately: d_model → d_ff → d_model. ' +
    'Attention mixes information between positions; this is where each position then processes what it gathered. It holds about two thirds of a Transformer layer\'s parameters.',
  params: z.strictObject({
    dFF: HiddenWidth.default(512),
    activation: Activation.default('relu'),
    dropout: DropoutP.default(0),
    bias: z.boolean().default(true),
  }),
  ports: () => SEQUENCE_PORTS,
  dropoutRate: (p) => p.dropout,
  infer: (ctx) => ({ out: { shape: [...ctx.input('in')!.shape] } }),
});

/** Inverted dropout, active only while training. */
export const dropout = defineNodeType({
  type: 'dropout',
  displayName: 'Dropout',
  group: 'layers',
  teaching:
    'While training, zeroes a random fraction p of the numbers and scales the rest by 1/(1−p); at inference it does nothing. ' +
    'The model cannot rely on any single feature, which reduces overfitting.',
  params: z.strictObject({ p: DropoutP.default(0.1) }),
  ports: () => SEQUENCE_PORTS,
  dropoutRate: (p) => p.p,
  infer: (ctx) => ({ out: { shape: [...ctx.input('in')!.shape] } }),
});

const LINEAR_PORTS: readonly PortSpec[] = [
  { name: 'in', direction: 'in', kind: 'sequence', accepts: ['sequence', 'series'], required: true, label: 'x' },
  { name: 'out', direction: 'out', kind: 'sequence', label: 'x Wᵀ + b' },
];

/** y = x Wᵀ + b on the last dimension; lifts series features to the model width. */
export const linear = defineNodeType({
  type: 'linear',
  displayName: 'Linear',
  group: 'layers',
  teaching:
    'Multiplies every position\'s vector by a learned matrix (and adds a bias), changing its width to outFeatures. ' +
    'On a time series it turns a few features per step into a d_model-wide vector that attention can work with.',
  params: z.strictObject({ outFeatures: HiddenWidth.default(128), bias: z.boolean().default(true) }),
  ports: () => LINEAR_PORTS,
  infer: (ctx) => {
    const x = ctx.input('in')!;
    return { out: { shape: [x.shape[0], x.shape[1], ctx.params.outFeatures] } };
  },
});

const SOFTMAX_PORTS: readonly PortSpec[] = [
  { name: 'in', direction: 'in', kind: 'logits', accepts: ['logits', 'class-logits'], required: true, label: 'logits' },
  { name: 'out', direction: 'out', kind: 'probabilities', label: 'probabilities' },
];

/** Turns logits into probabilities over the last dimension (for display; the loss works on logits). */
export const softmax = defineNodeType({
  type: 'softmax',
  displayName: 'Softmax',
  group: 'heads',
  teaching:
    'Turns scores (logits) into probabilities that are positive and sum to 1, here over the vocabulary or the classes. ' +
    'Training works on the logits directly, because cross-entropy includes its own softmax; this node shows what the model believes.',
  params: z.strictObject({}),
  ports: () => SOFTMAX_PORTS,
  infer: (ctx) => ({ out: { shape: [...ctx.input('in')!.shape] } }),
});
