import { encoderBlockNodes } from '../blocks.ts';
import { DesignBuilder } from '../builder.ts';
import type { DesignDocument } from '../document.ts';
import { blockWidth, COLUMN, Row } from '../templates/layout.ts';

/** Nodes outside the blocks: tokens, embedding, positions, head. */
const FIXED_NODES = 4;
/** A post-LN encoder block is the block node and four layers. */
const BLOCK_NODES = 5;

/**
 * A valid design of exactly n nodes (n ≥ 4) for tests and the benchmark: a
 * token pipeline through as many encoder blocks as fit, padded with dropout
 * layers, ending in a language-model head.
 */
export function buildLargeDesign(n: number): DesignDocument {
  if (!Number.isInteger(n) || n < FIXED_NODES) throw new Error(`buildLargeDesign: need at least ${FIXED_NODES} nodes, got ${n}`);
  const blocks = Math.floor((n - FIXED_NODES) / BLOCK_NODES);
  const padding = n - FIXED_NODES - blocks * BLOCK_NODES;
  const b = new DesignBuilder();
  const row = new Row(0);
  b.node('tokens', 'token-input', { vocab: 100, seqLen: 16 }, row.next());
  b.node('embedding', 'token-embedding', { vocab: 100, dModel: 64 }, row.next());
  b.node('positions', 'positional-encoding', {}, row.next());
  b.edge('tokens.out', 'embedding.in');
  b.edge('embedding.out', 'positions.in');
  let stream = 'positions.out';
  for (let i = 0; i < blocks; i++) {
    const part = encoderBlockNodes({ id: `block${i}`, heads: 4, dFF: 128, dropout: 0.1, causal: true, collapsed: true });
    part.nodes[0].position = row.next(blockWidth(part));
    b.add(part);
    b.edge(stream, `block${i}.in`);
    stream = `block${i}.out`;
  }
  for (let i = 0; i < padding; i++) {
    b.node(`dropout${i}`, 'dropout', { p: 0.1 }, row.next(COLUMN));
    b.edge(stream, `dropout${i}.in`);
    stream = `dropout${i}.out`;
  }
  b.node('head', 'lm-head', { vocab: 100, tiedTo: 'embedding' }, row.next());
  b.edge(stream, 'head.in');
  // Deep post-LN stacks need warm-up; with it the design has no warnings.
  b.settings({ training: { warmupSteps: 1000 } });
  return b.build();
}
