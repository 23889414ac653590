/** A few numbers that describe an attention map without drawing it. */
import type { AttentionMap } from '../../lib/compile/index.ts';

/** One attention map summarised, averaged over heads and query rows. */
export interface AttentionSummary {
  nodeId: string;
  label: string;
  /** 0-based copy inside a repeated block. */
  repeat: number;
  heads: number;
  queries: number;
  keys: number;
  /** Mean row entropy in nats; ln(keys) would be perfectly uniform attention. */
  entropy: number;
  /** ln(keys): the entropy of uniform attention, for comparison. */
  uniformEntropy: number;
  /** Mean of each row's largest weight: 1/keys is uniform, 1 is one key only. */
  peak: number;
  /** Self-attention only: mean weight a query puts on later positions (0 under a causal mask). */
  future: number | null;
}

/** Summarises a map; `self` says whether queries and keys are the same positions. */
export function summariseAttention(map: AttentionMap, self: boolean): AttentionSummary {
  const queries = map.weights[0]?.length ?? 0;
  const keys = map.weights[0]?.[0]?.length ?? 0;
  let entropy = 0;
  let peak = 0;
  let future = 0;
  let rows = 0;
  for (const head of map.weights) {
    for (const [i, row] of head.entries()) {
      let h = 0;
      let top = 0;
      let later = 0;
      let finite = true;
      for (const [j, w] of row.entries()) {
        if (!Number.isFinite(w)) finite = false;
        if (w > 0) h -= w * Math.log(w);
        if (w > top) top = w;
        if (j > i) later += w;
      }
      // A fully masked row is NaN (as in PyTorch); it says nothing about where attention goes.
      if (!finite) continue;
      entropy += h;
      peak += top;
      future += later;
      rows++;
    }
  }
  const mean = (x: number) => (rows > 0 ? x / rows : NaN);
  return {
    nodeId: map.nodeId,
    label: map.label,
    repeat: map.repeat,
    heads: map.heads,
    queries,
    keys,
    entropy: mean(entropy),
    uniformEntropy: Math.log(keys),
    peak: mean(peak),
    future: self && queries === keys ? mean(future) : null,
  };
}
