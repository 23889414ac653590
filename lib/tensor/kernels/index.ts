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

/**
 * `batch` products in one call: product i reads a at aOffset + i·aStride, b at
 * bOffset + i·bStride and writes (or adds into) out at outOffset + i·outStride,
 * in order i = 0, 1, …. A stride of 0 broadcasts that operand; an output
 * stride of 0 with accumulate sums every batch's product into one matrix (the
 * gradient of a broadcast operand). Same result as calling matmul per batch.
 */
export interface MatmulBatchedArgs extends MatmulArgs {
  batch: number;
  aStride: number;
  bStride: number;
  outStride: number;
}

/** The four arithmetic ops of lib/tensor/ops/arithmetic.ts. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

/** The elementwise functions with a kernel (forward and backward) — see ./elementwise.ts. */
export type UnaryOp = 'relu' | 'gelu' | 'gelu_tanh' | 'silu' | 'sigmoid' | 'tanh' | 'exp' | 'neg';

export interface Kernels {
  readonly name: string;
  /** One (non-batched) matrix product. */
  matmul(args: MatmulArgs): void;
  /** Many products of the same shape with constant batch strides, in one call. */
  matmulBatched(args: MatmulBatchedArgs): void;
  /**
   * out[i] = a[i mod aLen] op b[i mod bLen] for i < n. aLen and bLen divide n:
   * n for a same-shape operand, d for one broadcast along trailing dims (a bias
   * [d] over [rows, d]), 1 for a scalar. `out` may be `a` or `b`.
   */
  binary(op: BinaryOp, a: Float32Array, aLen: number, b: Float32Array, bLen: number, out: Float32Array, n: number): void;
  /** dst[j] += Σ_r g[r·len + j] over the n / len rows of g (a broadcast operand's gradient). */
  sumRowsInto(g: Float32Array, n: number, len: number, dst: Float32Array): void;
  /** y = f(x) elementwise over the first n floats. */
  unary(op: UnaryOp, x: Float32Array, y: Float32Array, n: number): void;
  /** gx += g·f'(x) elementwise (y = f(x) from the forward pass). */
  unaryBackward(op: UnaryOp, g: Float32Array, x: Float32Array, y: Float32Array, gx: Float32Array, n: number): void;
  /** One Adam/AdamW update of one parameter tensor. */
  adamStep(args: AdamStepArgs): void;
  /** y = softmax (or log-softmax when `logarithm`) of each of `rows` contiguous rows of `len` floats of x. */
  softmaxRows(x: Float32Array, y: Float32Array, rows: number, len: number, logarithm: boolean): void;
  /**
   * gx += softmax's (or log-softmax's) backward for `rows` rows of `len`:
   * y ⊙ (g − Σ g·y), or g − exp(y)·Σ g when `logarithm` (y is then log-softmax).
   */
  softmaxRowsBackward(g: Float32Array, y: Float32Array, gx: Float32Array, rows: number, len: number, logarithm: boolean): void;
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
