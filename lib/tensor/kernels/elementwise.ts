/**
 * Elementwise kernels in plain TypeScript (the reference): the arithmetic ops
 * with a periodic (trailing-dims broadcast or scalar) operand, the row sums a
 * broadcast operand's gradient needs, and the activation functions' forward and
 * backward. Arithmetic is in float64 and rounded to float32 on store, which for
 * + − × ÷ of float32 inputs equals float32 arithmetic exactly.
 */
import type { BinaryOp, UnaryOp } from './index.ts';
import { erfcNonNegative } from './erfc.ts';

/** out[i] = a[i mod aLen] op b[i mod bLen] for i < n (see Kernels.binary). */
export function plainBinary(op: BinaryOp, a: Float32Array, aLen: number, b: Float32Array, bLen: number, out: Float32Array, n: number): void {
  if (aLen === n && bLen === n) {
    switch (op) {
      case 'add': for (let i = 0; i < n; i++) out[i] = a[i] + b[i]; break;
      case 'sub': for (let i = 0; i < n; i++) out[i] = a[i] - b[i]; break;
      case 'mul': for (let i = 0; i < n; i++) out[i] = a[i] * b[i]; break;
      case 'div': for (let i = 0; i < n; i++) out[i] = a[i] / b[i]; break;
    }
    return;
  }
  let ai = 0;
  let bi = 0;
  for (let i = 0; i < n; i++) {
    const x = a[ai];
    const y = b[bi];
    switch (op) {
      case 'add': out[i] = x + y; break;
      case 'sub': out[i] = x - y; break;
      case 'mul': out[i] = x * y; break;
      case 'div': out[i] = x / y; break;
    }
    if (++ai === aLen) ai = 0;
    if (++bi === bLen) bi = 0;
  }
}

/** dst[j] += Σ_r g[r·len + j]; a scalar (len 1) is summed in float64 first, otherwise row by row in float32. */
export function plainSumRowsInto(g: Float32Array, n: number, len: number, dst: Float32Array): void {
  if (len === 1) {
    let s = 0;
    for (let i = 0; i < n; i++) s += g[i];
    dst[0] += s;
    return;
  }
  for (let o = 0; o < n; o += len) {
    for (let j = 0; j < len; j++) dst[j] += g[o + j];
  }
}

const SQRT_HALF = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_2_OVER_PI = 0.7978845608028654;
const GELU_TANH_COEF = 0.044715;

/** Φ(x), the standard normal CDF, computed from erfc so both tails are accurate. */
function normalCdf(x: number): number {
  const z = x * SQRT_HALF;
  return z < 0 ? 0.5 * erfcNonNegative(-z) : 1 - 0.5 * erfcNonNegative(z);
}

/** Logistic sigmoid 1/(1+e⁻ˣ), evaluated without overflow for large |x|. */
function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** y = f(x) over the first n floats. */
export function plainUnary(op: UnaryOp, x: Float32Array, y: Float32Array, n: number): void {
  switch (op) {
    case 'relu':
      for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0;
      return;
    case 'neg':
      for (let i = 0; i < n; i++) y[i] = -x[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) y[i] = Math.exp(x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) y[i] = sigmoidScalar(x[i]);
      return;
    case 'silu':
      for (let i = 0; i < n; i++) y[i] = x[i] * sigmoidScalar(x[i]);
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) y[i] = x[i] * normalCdf(x[i]);
      return;
    case 'gelu_tanh':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        y[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_TANH_COEF * v * v * v)));
      }
      return;
  }
}

/** gx += g·f'(x) over the first n floats, given y = f(x). */
export function plainUnaryBackward(op: UnaryOp, g: Float32Array, x: Float32Array, y: Float32Array, gx: Float32Array, n: number): void {
  switch (op) {
    case 'relu':
      for (let i = 0; i < n; i++) if (x[i] > 0) gx[i] += g[i];
      return;
    case 'neg':
      for (let i = 0; i < n; i++) gx[i] -= g[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) gx[i] += g[i] * y[i];
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) gx[i] += g[i] * (1 - y[i] * y[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) gx[i] += g[i] * y[i] * (1 - y[i]);
      return;
    case 'silu':
      for (let i = 0; i < n; i++) {
        const s = sigmoidScalar(x[i]);
        gx[i] += g[i] * s * (1 + x[i] * (1 - s));
      }
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        // Φ(x) = y/x recovers the forward's CDF without a second erfc.
        const cdf = Math.abs(v) > 1e-20 ? y[i] / v : 0.5;
        gx[i] += g[i] * (cdf + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v));
      }
      return;
    case 'gelu_tanh':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        const t = Math.tanh(SQRT_2_OVER_PI * (v + GELU_TANH_COEF * v * v * v));
        const du = SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_COEF * v * v);
        gx[i] += g[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du);
      }
      return;
  }
}
