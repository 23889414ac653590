import { z } from 'zod';
import { defineNodeType, type InferContext, type PortSpec } from './types.ts';
import { NodeRef, Vocab, Width } from './params.ts';

const EMBEDDING_PORTS: readonly PortSpec[] = [
  { name: 'in', direction: 'in', kind: 'tokens', required: true, label: 'token ids' },
  { name: 'out', direction: 'out', kind: 'sequence', label: 'vectors' },
];

const EmbeddingParams = z.strictObject({
  vocab: Vocab.default(1000),
  dModel: Width.default(128),
  /** Multiply by √dModel, as the paper does, so embeddings and positional encodings have similar size. */
  scale: z.boolean().default(true),
  /** Another embedding whose weight matrix this one uses (the paper shares source and target embeddings). */
  sharedWith: NodeRef.default(null),
});
type EmbeddingParams = z.infer<typeof EmbeddingParams>;

/**
 * Checks a tied-weights reference: it must name a token embedding that owns
 * its weights, with the vocabulary and width the referring node needs.
 * Returns whether the tie is sound.
 */
export function checkTiedEmbedding(
  ctx: InferContext<unknown>,
  targetId: string,
  param: string,
  need: { vocab: number; dModel: number },
): boolean {
  const target = ctx.nodeById(targetId);
  if (!target || target.type !== 'token-embedding' || target.id === ctx.node.id) {
    ctx.report(
      'tied-target-invalid',
      `${param} names '${targetId}', which is not a token embedding of this design.`,
      'Pick a token embedding node to share weights with, or clear the setting.',
    );
    return false;
  }
  const p = target.params as EmbeddingParams;
  if (p.sharedWith !== null) {
    ctx.report(
      'tied-target-invalid',
      `${param} names '${targetId}', which itself borrows its weights from '${p.sharedWith}'.`,
      `Tie to '${p.sharedWith}', the embedding that owns the weights.`,
    );
    return false;
  }
  let sound = true;
  if (p.vocab !== need.vocab) {
    ctx.report(
      'tied-vocab-mismatch',
      `Tied to '${targetId}' with vocabulary ${p.vocab}, but this node needs ${need.vocab}.`,
      'Shared weights are one matrix [vocab, d]: both nodes must use the same vocabulary size.',
    );
    sound = false;
  }
  if (p.dModel !== need.dModel) {
    ctx.report(
      'tied-width-mismatch',
      `Tied to '${targetId}' of width ${p.dModel}, but this node works at width ${need.dModel}.`,
      'Shared weights are one matrix [vocab, d]: both nodes must use the same model width.',
    );
    sound = false;
  }
  return sound;
}

/** Token ids → vectors [B, T, d] through a learned table [vocab, d]. */
export const tokenEmbedding = defineNodeType({
  type: 'token-embedding',
  displayName: 'Token embedding',
  group: 'embeddings',
  teaching:
    'A learned table with one vector of length d_model per token id: the id picks a row. ' +
    'Similar tokens end up with similar vectors during training. The paper multiplies the vectors by √d_model so they are not drowned out by the positional encoding added next.',
  params: EmbeddingParams,
  ports: () => EMBEDDING_PORTS,
  infer: (ctx) => {
    const { params } = ctx;
    const tokens = ctx.input('in')!;
    if (tokens.vocab !== undefined && tokens.vocab > params.vocab) {
      ctx.report(
        'token-vocab-mismatch',
        `The input has ids up to ${tokens.vocab - 1}, but this embedding only has ${params.vocab} rows.`,
        `Make the embedding's vocabulary at least ${tokens.vocab}.`,
        { port: 'in' },
      );
    }
    if (params.sharedWith !== null) checkTiedEmbedding(ctx, params.sharedWith, 'sharedWith', params);
    return { out: { shape: [tokens.shape[0], tokens.shape[1], params.dModel], positional: false } };
  },
});

const PE_PORTS: readonly PortSpec[] = [
  { name: 'in', direction: 'in', kind: 'sequence', required: true, label: 'vectors' },
  { name: 'out', direction: 'out', kind: 'sequence', label: 'vectors + positions' },
];

/** Adds position information to [B, T, d]: a fixed sinusoidal table, a learned one, or nothing. */
export const positionalEncoding = defineNodeType({
  type: 'positional-encoding',
  displayName: 'Positional encoding',
  group: 'embeddings',
  teaching:
    'Attention compares every position with every other, but by itself it does not know which came first: shuffle the words and it gives the same answer, shuffled. ' +
    'Adding a different vector for each position fixes that. Sinusoidal vectors are fixed waves of different frequencies; learned ones are a trained table with one row per position up to maxLen.',
  params: z.strictObject({
    kind: z.enum(['sinusoidal', 'learned', 'none']).default('sinusoidal'),
    maxLen: z.int().min(1).max(65_536).default(512),
  }),
  ports: () => PE_PORTS,
  infer: (ctx) => {
    const x = ctx.input('in')!;
    const { kind, maxLen } = ctx.params;
    if (kind === 'none') return { out: { shape: [...x.shape] } };
    if (x.shape[1] > maxLen) {
      ctx.report(
        'seq-len-exceeds-max-len',
        `The sequence has ${x.shape[1]} positions but the ${kind} table only covers ${maxLen}.`,
        `Raise maxLen to at least ${x.shape[1]}, or shorten the input.`,
        { port: 'in' },
      );
    }
    return { out: { shape: [...x.shape], positional: true } };
  },
});
