/** Timing helpers shared by the benchmark sections. */

export interface MeasureOptions {
  /** Calls before timing starts, so the JIT (or wasm tier-up) has settled. Default 2. */
  warmup?: number;
  /** Each sample repeats the call until it lasts at least this long. Default 25 ms. */
  minSampleMs?: number;
  /** Samples to take the median of. Default 7; fewer when that would exceed budgetMs. */
  samples?: number;
  /** Rough time cap for the samples, so slow backends don't dominate the run. Default 4 s. */
  budgetMs?: number;
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Milliseconds per call of `fn`: the median over several samples, each sample
 * averaging enough back-to-back calls to be well above timer resolution.
 * `fn` must finish its work synchronously (tfjs callers read results with dataSync).
 */
export function measureMs(fn: () => void, options: MeasureOptions = {}): number {
  const warmup = options.warmup ?? 2;
  const minSampleMs = options.minSampleMs ?? 25;
  const wantedSamples = options.samples ?? 7;
  const budgetMs = options.budgetMs ?? 4000;

  let estimate = Infinity;
  for (let i = 0; i < Math.max(1, warmup); i++) {
    const t0 = performance.now();
    fn();
    estimate = Math.min(estimate, performance.now() - t0);
  }
  const callsPerSample = Math.max(1, Math.ceil(minSampleMs / Math.max(estimate, 1e-3)));
  const sampleMs = callsPerSample * estimate;
  const samples = Math.max(3, Math.min(wantedSamples, Math.floor(budgetMs / sampleMs)));

  const perCall: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let c = 0; c < callsPerSample; c++) fn();
    perCall.push((performance.now() - t0) / callsPerSample);
  }
  return median(perCall);
}

/** A deterministic [-1, 1) filler (mulberry32) so every backend multiplies the same numbers. */
export function randomFloats(length: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}
