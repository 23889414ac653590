import { z } from 'zod';
import { defineNodeType, type PortSpec } from './types.ts';
import { DropoutP, Width } from './params.ts';

const RECURRENT_PORTS: readonly PortSpec[] = [
  { name: 'in', direction: 'in', kind: 'sequence', accepts: ['sequence', 'series'], required: true, label: 'x' },
  { name: 'out', direction: 'out', kind: 'sequence', label: 'hidden states' },
];

/** nn.LSTM / nn.GRU (batch_first, unidirectional): [B, T, in] → [B, T, hidden]. */
export const recurrent = defineNodeType({
  type: 'recurrent',
  displayName: 'Recurrent (LSTM / GRU)',
  group: 'recurrent',
  teaching:
    'The baseline attention replaced: reads the sequence one step at a time, carrying a hidden state forward. ' +
    'It knows order without any positional encoding, but step t must wait for step t−1, and information from far back fades. Train it on the same task as a Transformer to see the difference.',
  params: z.strictObject({
    cell: z.enum(['lstm', 'gru']).default('lstm'),
    layers: z.int().min(1).max(16).default(1),
    hidden: Width.default(128),
    /** Between stacked layers, as PyTorch. */
    dropout: DropoutP.default(0),
    bias: z.boolean().default(true),
  }),
  ports: () => RECURRENT_PORTS,
  dropoutRate: (p) => (p.layers > 1 ? p.dropout : 0),
  infer: (ctx) => {
    const x = ctx.input('in')!;
    // A recurrence is causal and order-aware by construction.
    return { out: { shape: [x.shape[0], x.shape[1], ctx.params.hidden], positional: true } };
  },
});
