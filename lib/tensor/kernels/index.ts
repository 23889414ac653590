/**
 * The kernel interface: every hot loop of the runtime goes through here, so a
 * faster backend can replace the plain TypeScript one without touching ops or
 * layers. Two implementations: plainKernels (./plain.ts, the reference, and the
 * default until a runtime installs another) and the WebAssembly SIMD kernels
 * (../wasm/wasm-kernels.ts), which server/kernels/load-kernels.ts installs in
 * Node processes and job workers.
 */
export interface MatmulArgs {
  /** Row-major left operand; logical shape [m, k] (or [k, m] when transA). */
  a: Float32Array;
  aOffset: number;
  /** Row-major right operand; logical shape [k, n] (or [n, k] when transB). */
  b: Float32Array;
  bOffset: number;
  /** Row-major output [m, n]. */
  out: Float32Array;
  outOffset: number;
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  /** When true, out += a·b; otherwise out = a·b. */
  accumulate: boolean;
}

/**
 * One Adam/AdamW update of one parameter, in place. Every scalar is already
 * rounded to float32 (as ATen receives it); each step of the formula is rounded
 * to float32 where PyTorch stores a float32 tensor (see optim/adam.ts).
 */
export interface AdamStepArgs {
  param: Float32Array;
  grad: Float32Array;
  expAvg: Float32Array;
  expAvgSq: Float32Array;
  /** AdamW's p ← p·decay before the update, or null for none. */
  decay: number | null;
  /** Adam's L2 term g ← g + l2·p (0 for none). */
  l2: number;
  /** 1 − β1 (m ← m + w·(g − m)). */
  lerpWeight: number;
  beta2: number;
  oneMinusBeta2: number;
  /** −lr / (1 − β1^t). */
  negStepSize: number;
  /** √(1 − β2^t). */
  biasCorrection2Sqrt: number;
  eps: number;
}

/** Layer norm over the last dim of `rows` contiguous rows of `d` floats. */
export interface LayerNormForwardArgs {
  x: Float32Array;
  weight: Float32Array | null;
  bias: Float32Array | null;
  /** Output, rows·d. */
  y: Float32Array;
  /** Written: each row's mean and 1/√(var + eps), kept for the backward pass. */
  mean: Float64Array;
  rstd: Float64Array;
  rows: number;
  d: number;
  eps: number;
}

/** Layer norm's backward: adds into each gradient buffer that is not null. */
export interface LayerNormBackwardArgs {
  x: Float32Array;
  weight: Float32Array | null;
  /** Upstream gradient, rows·d. */
  g: Float32Array;
  mean: Float64Array;
  rstd: Float64Array;
  gx: Float32Array | null;
  gw: Float32Array | null;
  gb: Float32Array | null;
  rows: number;
  d: number;
}

export interface Kernels {
  readonly name: string;
  /** One (non-batched) matrix product; ops loop over batch offsets. */
  matmul(args: MatmulArgs): void;
  /** One Adam/AdamW update of one parameter tensor. */
  adamStep(args: AdamStepArgs): void;
  /** y = softmax (or log-softmax when `logarithm`) of each of `rows` contiguous rows of `len` floats of x. */
  softmaxRows(x: Float32Array, y: Float32Array, rows: number, len: number, logarithm: boolean): void;
  layerNormForward(args: LayerNormForwardArgs): void;
  layerNormBackward(args: LayerNormBackwardArgs): void;
}

import { plainKernels } from './plain.ts';

let active: Kernels = plainKernels;

/** The kernels in use by every op. */
export function kernels(): Kernels {
  return active;
}

/** Swaps the backend for every op (the Node loader, tests and benchmarks do this). */
export function setKernels(next: Kernels): void {
  active = next;
}
