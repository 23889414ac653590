import { Rng } from '../tensor/index.ts';

/** FNV-1a over the UTF-16 code units of a string: a stable 32-bit hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The random stream of one application of a node, from the model's seed,
 * the node's id and its copy index. Each node drawing from its own stream
 * keeps its initial weights (and dropout masks) unchanged when other nodes
 * are added, removed or built in another order.
 */
export function nodeRng(seed: number, nodeId: string, copy: number): Rng {
  return new Rng(fnv1a(`${seed}\u0000${nodeId}\u0000${copy}`));
}
