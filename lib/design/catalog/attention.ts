import { z } from 'zod';
import { defineNodeType, type PortSpec } from './types.ts';
import { DropoutP } from './params.ts';

/** Attention score tensors [B, heads, T, S] above this many elements get a warning. */
export const LARGE_TENSOR_ELEMENTS = 1 << 26;

const AttentionParams = z.strictObject({
  /** self: queries, keys and values all come from `in`; cross: keys and values come from `memory`. */
  mode: z.enum(['self', 'cross']).default('self'),
  /** Each position may only attend to itself and earlier positions. */
  causal: z.boolean().default(false),
  heads: z.int().min(1).max(128).default(4),
  /** How the heads' outputs are combined before the output projection. */
  headMerge: z.enum(['concat', 'mean']).default('concat'),
  /** Dropout on the attention weights. */
  dropout: DropoutP.default(0),
  bias: z.boolean().default(true),
});
type AttentionParams = z.infer<typeof AttentionParams>;

const QUERY: PortSpec = { name: 'in', direction: 'in', kind: 'sequence', required: true, label: 'queries' };
const MEMORY: PortSpec = { name: 'memory', direction: 'in', kind: 'memory', accepts: ['sequence'], required: true, label: 'memory (keys, values)' };
const PAD_MASK: PortSpec = { name: 'padMask', direction: 'in', kind: 'mask', label: 'key padding mask' };
const OUT: PortSpec = { name: 'out', direction: 'out', kind: 'sequence', label: 'attended' };
const SELF_PORTS: readonly PortSpec[] = [QUERY, PAD_MASK, OUT];
const CROSS_PORTS: readonly PortSpec[] = [QUERY, MEMORY, PAD_MASK, OUT];

/** torch.nn.MultiheadAttention: [B, T, d] attending to itself or to a memory [B, S, d]. */
export const multiHeadAttention = defineNodeType({
  type: 'multi-head-attention',
  displayName: 'Multi-head attention',
  group: 'attention',
  teaching:
    'Each position asks a question (query), compares it with every position\'s key, and takes a weighted average of their values. ' +
    'Several heads do this in parallel on slices of width d_model/heads, each free to look for something different; their outputs are concatenated and projected back to d_model. ' +
    'In cross-attention the keys and values come from the encoder\'s output (the memory), which is how a decoder reads the source sentence.',
  params: AttentionParams,
  ports: (p: AttentionParams) => (p.mode === 'cross' ? CROSS_PORTS : SELF_PORTS),
  dropoutRate: (p) => p.dropout,
  infer: (ctx) => {
    const { params, node } = ctx;
    const q = ctx.input('in')!;
    const [batch, tgtLen, d] = q.shape;
    const cross = params.mode === 'cross';
    const memory = cross ? ctx.input('memory')! : q;
    if (d % params.heads !== 0) {
      ctx.report(
        'heads-do-not-divide-width',
        `Width ${d} cannot be split into ${params.heads} equal heads.`,
        `Each head works on d_model/heads features: choose heads that divide ${d} (e.g. ${divisorsNear(d, params.heads)}).`,
      );
    }
    if (cross && memory.shape[2] !== d) {
      ctx.report(
        'memory-width-mismatch',
        `The memory has width ${memory.shape[2]} but the queries have width ${d}.`,
        'Cross-attention projects queries, keys and values with one [3d, d] matrix, so encoder and decoder must share d_model.',
        { port: 'memory' },
      );
      return null;
    }
    const srcLen = memory.shape[1];
    const mask = ctx.input('padMask');
    if (mask && (mask.shape[0] !== batch || mask.shape[1] !== srcLen)) {
      ctx.report(
        'mask-shape-mismatch',
        `The padding mask is [${mask.shape.join(', ')}] but the keys are [${batch}, ${srcLen}].`,
        'A key-padding mask marks the positions of the keys: take it from the tokens the keys came from.',
        { port: 'padMask' },
      );
    }
    if (params.headMerge === 'mean' && params.heads > 1) {
      ctx.report(
        'head-merge-mean',
        `Averaging ${params.heads} heads shrinks the merged width to d_model/heads = ${d / params.heads} before the output projection.`,
        'The heads learn different things and concatenation keeps all of them; the mean blends them into one narrow vector. Compare both by training.',
      );
    }
    if (!q.positional || (cross && !memory.positional)) {
      ctx.report(
        'no-positional-information',
        'Nothing before this attention tells it where each token is.',
        'Attention is permutation-invariant: shuffling the input only shuffles the output. Add a positional encoding after the embedding.',
      );
    }
    if (!cross && !params.causal && ctx.enclosingBlockKind === 'decoder') {
      ctx.report(
        'future-visible',
        'This decoder self-attention has no causal mask, so each position can read the tokens after it.',
        'During training the model would copy the next token instead of predicting it. Turn on causal.',
      );
    }
    const scoreElements = batch * params.heads * tgtLen * srcLen;
    if (scoreElements > LARGE_TENSOR_ELEMENTS) {
      ctx.report(
        'large-tensor',
        `The attention weights hold ${scoreElements.toLocaleString('en-US')} numbers per forward pass.`,
        'Attention costs grow with the square of the sequence length: reduce the batch or the sequence length to run it here.',
      );
    }
    return {
      out: {
        shape: [batch, tgtLen, d],
        // Only the query stream decides what the output knows: the memory is the source, not the future.
        positional: q.positional,
        futureFrom: cross || params.causal ? q.futureFrom : [...q.futureFrom, node.id],
        selfAttentionDepth: q.selfAttentionDepth + (cross ? 0 : 1),
      },
    };
  },
});

function divisorsNear(d: number, heads: number): string {
  const divisors: number[] = [];
  for (let h = 1; h <= Math.min(d, 128); h++) if (d % h === 0) divisors.push(h);
  divisors.sort((a, b) => Math.abs(a - heads) - Math.abs(b - heads));
  return divisors.slice(0, 3).sort((a, b) => a - b).join(', ');
}
