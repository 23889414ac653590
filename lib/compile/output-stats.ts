import type { Tensor } from '../tensor/index.ts';

/** Summary of one output tensor, over its finite values. */
export interface OutputStats {
  shape: number[];
  mean: number;
  /** Sample standard deviation (Bessel-corrected, as torch.std); 0 for a single value. */
  std: number;
  min: number;
  max: number;
  /** NaN or ±∞ entries (a fully masked attention row gives NaN, as in PyTorch); left out of the other stats. */
  nonFinite: number;
}

/** Shape, mean, std, min and max of a tensor. */
export function outputStats(x: Tensor): OutputStats {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (const v of x.data) {
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n > 0 ? sum / n : 0;
  let squares = 0;
  for (const v of x.data) if (Number.isFinite(v)) squares += (v - mean) ** 2;
  return {
    shape: [...x.shape],
    mean,
    std: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
    min: n > 0 ? min : 0,
    max: n > 0 ? max : 0,
    nonFinite,
  };
}
