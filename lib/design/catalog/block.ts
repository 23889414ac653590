import { z } from 'zod';
import { defineNodeType, type BlockKind, type PortSpec } from './types.ts';

export const BLOCK_TYPE = 'block';
/** Repeats beyond this are refused: the paper's deepest models use 6–24 layers. */
export const MAX_REPEAT = 48;

export const BlockParams = z.strictObject({
  kind: z.enum(['encoder', 'decoder', 'custom']).default('custom'),
  /** The inside is applied this many times in sequence, each copy with its own weights. */
  repeat: z.int().min(1).max(MAX_REPEAT).default(1),
  /** Shown as one node ("Encoder ×6") instead of its inside. */
  collapsed: z.boolean().default(false),
});
export type BlockParams = z.infer<typeof BlockParams>;

const IN: PortSpec = { name: 'in', direction: 'in', kind: 'sequence', required: true, label: 'x' };
const MEMORY: PortSpec = { name: 'memory', direction: 'in', kind: 'memory', accepts: ['sequence'], label: 'memory' };
const OUT: PortSpec = { name: 'out', direction: 'out', kind: 'sequence', label: 'y' };
const ENCODER_PORTS: readonly PortSpec[] = [IN, OUT];
const WITH_MEMORY_PORTS: readonly PortSpec[] = [IN, MEMORY, OUT];

/** Ports of a block: an encoder has no memory; decoders and custom blocks may read one. */
export function blockPorts(kind: BlockKind): readonly PortSpec[] {
  return kind === 'encoder' ? ENCODER_PORTS : WITH_MEMORY_PORTS;
}

/**
 * A group of nodes (its children: the nodes whose parentId is the block).
 * Seen from outside it has ports in, memory, out; seen from inside, `in` and
 * `memory` are sources and `out` is a target. Shapes are inferred by the
 * validator, which walks the inside; infer here is never called.
 */
export const block = defineNodeType({
  type: BLOCK_TYPE,
  displayName: 'Block',
  group: 'blocks',
  role: 'block',
  teaching:
    'A group of layers treated as one: an encoder block is self-attention and feed-forward, each with a residual and a layer norm; a decoder block adds cross-attention to the encoder\'s output. ' +
    'Repeat ×N stacks N copies, each with its own weights, so what comes out must have the shape of what went in.',
  params: BlockParams,
  ports: (p: BlockParams) => blockPorts(p.kind),
  infer: () => null,
});
