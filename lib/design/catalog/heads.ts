import { z } from 'zod';
import { checkTiedEmbedding } from './embedding.ts';
import { defineNodeType, type PortSpec } from './types.ts';
import { NodeRef, Vocab } from './params.ts';

const IN: PortSpec = { name: 'in', direction: 'in', kind: 'sequence', required: true, label: 'features' };
const LM_PORTS: readonly PortSpec[] = [IN, { name: 'out', direction: 'out', kind: 'logits', label: 'logits' }];
const CLASS_PORTS: readonly PortSpec[] = [IN, { name: 'out', direction: 'out', kind: 'class-logits', label: 'class logits' }];
const REGRESSION_PORTS: readonly PortSpec[] = [IN, { name: 'out', direction: 'out', kind: 'regression', label: 'forecast' }];

/** Linear d → vocab at every position: next-token logits [B, T, V]. */
export const lmHead = defineNodeType({
  type: 'lm-head',
  displayName: 'Language-model head',
  group: 'heads',
  role: 'head',
  teaching:
    'Scores every word of the vocabulary at every position: the model\'s guess for the next token. ' +
    'It can reuse the token embedding\'s matrix (tied weights), as the paper does, which saves vocab × d_model parameters and often helps.',
  params: z.strictObject({
    vocab: Vocab.default(1000),
    bias: z.boolean().default(true),
    /** A token embedding whose weight matrix serves as this head's weight. */
    tiedTo: NodeRef.default(null),
  }),
  ports: () => LM_PORTS,
  infer: (ctx) => {
    const x = ctx.input('in')!;
    const { params } = ctx;
    if (params.tiedTo !== null) checkTiedEmbedding(ctx, params.tiedTo, 'tiedTo', { vocab: params.vocab, dModel: x.shape[2] });
    for (const attention of x.futureFrom) {
      ctx.report(
        'future-visible',
        `'${attention}' feeds this language-model head without a causal mask, so every position can read the token it must predict.`,
        'A language model predicts the next token; turn on causal in its self-attention.',
        { nodeId: attention },
      );
    }
    return { out: { shape: [x.shape[0], x.shape[1], params.vocab] } };
  },
});

/** Pools the sequence to one vector and classifies it: [B, C]. */
export const classificationHead = defineNodeType({
  type: 'classification-head',
  displayName: 'Classification head',
  group: 'heads',
  role: 'head',
  teaching:
    'Summarises the whole sequence in one vector (the mean over positions, or the first or last position) and scores each class with a linear layer. ' +
    'This is how an encoder-only model labels a sentence or a series.',
  params: z.strictObject({
    classes: z.int().min(2).max(100_000).default(2),
    pooling: z.enum(['mean', 'first', 'last']).default('mean'),
  }),
  ports: () => CLASS_PORTS,
  infer: (ctx) => ({ out: { shape: [ctx.input('in')!.shape[0], ctx.params.classes] } }),
});

/** Reads the last position and predicts `horizon` future steps of `outputs` values: [B, horizon, outputs]. */
export const regressionHead = defineNodeType({
  type: 'regression-head',
  displayName: 'Regression head',
  group: 'heads',
  role: 'head',
  teaching:
    'Predicts real numbers instead of tokens: from the last position\'s vector, a linear layer outputs the next horizon steps of the series. ' +
    'It is trained with mean squared error.',
  params: z.strictObject({
    outputs: z.int().min(1).max(4096).default(1),
    horizon: z.int().min(1).max(4096).default(1),
  }),
  ports: () => REGRESSION_PORTS,
  infer: (ctx) => ({ out: { shape: [ctx.input('in')!.shape[0], ctx.params.horizon, ctx.params.outputs] } }),
});
