import { z } from 'zod';
import { defineNodeType, type PortSpec } from './types.ts';
import { SeqLen, Vocab } from './params.ts';

const TOKEN_INPUT_PORTS: readonly PortSpec[] = [{ name: 'out', direction: 'out', kind: 'tokens', label: 'token ids' }];

/** Token ids [B, T], the start of every text model. */
export const tokenInput = defineNodeType({
  type: 'token-input',
  displayName: 'Token input',
  group: 'inputs',
  role: 'input',
  teaching:
    'A batch of token ids, one integer per position: a sentence after it has been cut into words or characters. ' +
    'The vocabulary size says how many different ids can occur, the sequence length how many positions each example has.',
  params: z.strictObject({ vocab: Vocab.default(1000), seqLen: SeqLen.default(32) }),
  ports: () => TOKEN_INPUT_PORTS,
  infer: ({ batch, params }) => ({ out: { shape: [batch, params.seqLen], vocab: params.vocab } }),
});

const SERIES_INPUT_PORTS: readonly PortSpec[] = [{ name: 'out', direction: 'out', kind: 'series', label: 'series' }];

/** Real-valued features per time step [B, T, F]. */
export const seriesInput = defineNodeType({
  type: 'series-input',
  displayName: 'Series input',
  group: 'inputs',
  role: 'input',
  teaching:
    'A batch of time series: at each step a few real numbers (a temperature, a price, a sensor reading). ' +
    'Transformers are not only for text: a linear layer lifts each step to the model width, and attention then compares steps just as it compares words.',
  params: z.strictObject({ features: z.int().min(1).max(4096).default(1), seqLen: SeqLen.default(64) }),
  ports: () => SERIES_INPUT_PORTS,
  infer: ({ batch, params }) => ({ out: { shape: [batch, params.seqLen, params.features] } }),
});

const PADDING_MASK_PORTS: readonly PortSpec[] = [
  { name: 'in', direction: 'in', kind: 'tokens', required: true, label: 'token ids' },
  { name: 'out', direction: 'out', kind: 'mask', label: 'padding mask' },
];

/** Marks padding positions [B, T] so attention ignores them. */
export const paddingMask = defineNodeType({
  type: 'padding-mask',
  displayName: 'Padding mask',
  group: 'inputs',
  teaching:
    'Examples of different lengths are padded to the same length with a special id. ' +
    'This mask marks those padding positions so attention gives them zero weight instead of reading filler.',
  params: z.strictObject({ padId: z.int().min(0).max(1_000_000).default(0) }),
  ports: () => PADDING_MASK_PORTS,
  infer: (ctx) => {
    const tokens = ctx.input('in')!;
    return { out: { shape: [...tokens.shape] } };
  },
});
