// AssemblyScript. Elementwise kernels in float32 SIMD over whole arrays: the
// arithmetic ops with a periodic operand (same shape, trailing-dims broadcast,
// scalar), the row sums of a broadcast operand's gradient, and the activation
// functions forward and backward. Op codes match lib/tensor/wasm/wasm-kernels.ts.
// + − × ÷, relu and neg are bit-identical to the TypeScript kernels; the
// functions built on exp are within a few float32 ulps (see the tests).

import { exp4 } from './exp';

// Binary op codes.
const ADD: i32 = 0;
const SUB: i32 = 1;
const MUL: i32 = 2;
const DIV: i32 = 3;

// Unary op codes.
const RELU: i32 = 0;
const NEG: i32 = 1;
const EXP: i32 = 2;
const TANH: i32 = 3;
const SIGMOID: i32 = 4;
const SILU: i32 = 5;
const GELU: i32 = 6;
const GELU_TANH: i32 = 7;

@inline
function op4(op: i32, x: v128, y: v128): v128 {
  if (op == ADD) return f32x4.add(x, y);
  if (op == SUB) return f32x4.sub(x, y);
  if (op == MUL) return f32x4.mul(x, y);
  return f32x4.div(x, y);
}

@inline
function op1(op: i32, x: f32, y: f32): f32 {
  if (op == ADD) return x + y;
  if (op == SUB) return x - y;
  if (op == MUL) return x * y;
  return x / y;
}

/** out[i] = a[i] op b[i] for i < len, SIMD then a scalar tail. */
@inline
function runFull(op: i32, a: usize, b: usize, out: usize, len: i32): void {
  const len4 = len & ~3;
  let j: i32 = 0;
  for (; j < len4; j += 4) {
    const o = <usize>j << 2;
    v128.store(out + o, op4(op, v128.load(a + o), v128.load(b + o)));
  }
  for (; j < len; j++) {
    const o = <usize>j << 2;
    store<f32>(out + o, op1(op, load<f32>(a + o), load<f32>(b + o)));
  }
}

@inline
function runBinary(op: i32, a: usize, aLen: i32, b: usize, bLen: i32, out: usize, n: i32): void {
  if (aLen == n && bLen == n) {
    runFull(op, a, b, out, n);
    return;
  }
  if (aLen == 1 || bLen == 1) {
    // A scalar against an operand of period len (n in practice).
    const scalarA = aLen == 1;
    const s: f32 = scalarA ? load<f32>(a) : load<f32>(b);
    const vs = f32x4.splat(s);
    const other = scalarA ? b : a;
    const len = scalarA ? bLen : aLen;
    const len4 = len & ~3;
    for (let c: i32 = 0; c < n; c += len) {
      const oc = out + (<usize>c << 2);
      let j: i32 = 0;
      for (; j < len4; j += 4) {
        const o = <usize>j << 2;
        const v = v128.load(other + o);
        v128.store(oc + o, scalarA ? op4(op, vs, v) : op4(op, v, vs));
      }
      for (; j < len; j++) {
        const o = <usize>j << 2;
        const v = load<f32>(other + o);
        store<f32>(oc + o, scalarA ? op1(op, s, v) : op1(op, v, s));
      }
    }
    return;
  }
  // Both periodic (one usually full): chunks of the shorter period.
  const p = min(aLen, bLen);
  for (let c: i32 = 0; c < n; c += p) {
    runFull(op, a + (<usize>(c % aLen) << 2), b + (<usize>(c % bLen) << 2), out + (<usize>c << 2), p);
  }
}

/** out[i] = a[i mod aLen] op b[i mod bLen] for i < n; aLen and bLen divide n. */
export function binary(op: i32, a: usize, aLen: i32, b: usize, bLen: i32, out: usize, n: i32): void {
  if (op == ADD) runBinary(ADD, a, aLen, b, bLen, out, n);
  else if (op == SUB) runBinary(SUB, a, aLen, b, bLen, out, n);
  else if (op == MUL) runBinary(MUL, a, aLen, b, bLen, out, n);
  else runBinary(DIV, a, aLen, b, bLen, out, n);
}

/** dst[j] += Σ_r g[r·len + j]: a scalar (len 1) summed in f64 first, else row by row in float32 (as the TS kernel). */
export function sumRowsInto(g: usize, n: i32, len: i32, dst: usize): void {
  if (len == 1) {
    let s: f64 = 0;
    for (let i: i32 = 0; i < n; i++) s += <f64>load<f32>(g + (<usize>i << 2));
    store<f32>(dst, <f32>(<f64>load<f32>(dst) + s));
    return;
  }
  for (let c: i32 = 0; c < n; c += len) runFull(ADD, dst, g + (<usize>c << 2), dst, len);
}

const SQRT_HALF: f32 = 0.7071067811865476;
const INV_SQRT_2PI: f32 = 0.3989422804014327;
const SQRT_2_OVER_PI: f32 = 0.7978845608028654;
const GELU_TANH_COEF: f32 = 0.044715;
// Above this exp overflows float32 (the clamped exp4 would return a finite 2.4e38).
const EXP_OVERFLOW: f32 = 88.3762626647949;

@inline
function splat(v: f32): v128 {
  return f32x4.splat(v);
}

/** e^x, +∞ above the clamp of exp4. */
@inline
function expV(x: v128): v128 {
  return v128.bitselect(splat(Infinity), exp4(x), f32x4.gt(x, splat(EXP_OVERFLOW)));
}

// The logistic σ(x) from e = e^−|x| and r = 1/(1 + e), as the TS kernel does it:
// 1/(1 + e^−x) for x ≥ 0, e^x/(1 + e^x) below, so neither tail overflows or
// cancels (σ(−1000) is 0, σ(1000) is 1); 1 − σ(x) is the mirror image.
@inline
function expNegAbs(x: v128): v128 {
  return exp4(f32x4.neg(f32x4.abs(x)));
}

@inline
function sigmoidFrom(x: v128, e: v128, r: v128): v128 {
  return v128.bitselect(r, f32x4.mul(e, r), f32x4.ge(x, splat(0)));
}

@inline
function oneMinusSigmoidFrom(x: v128, e: v128, r: v128): v128 {
  return v128.bitselect(f32x4.mul(e, r), r, f32x4.ge(x, splat(0)));
}

@inline
function recipOnePlus(e: v128): v128 {
  return f32x4.div(splat(1), f32x4.add(splat(1), e));
}

@inline
function sigmoidV(x: v128): v128 {
  const e = expNegAbs(x);
  return sigmoidFrom(x, e, recipOnePlus(e));
}

/** Cephes tanhf: an odd polynomial for |x| < 0.625, else 1 − 2/(e^{2|x|} + 1) with the sign put back. */
@inline
function tanhV(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = exp4(f32x4.add(ax, ax));
  const big = f32x4.sub(splat(1), f32x4.div(splat(2), f32x4.add(z, splat(1))));
  const signed = v128.or(big, v128.and(x, splat(-0.0)));
  const x2 = f32x4.mul(x, x);
  let p = splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, x2), splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, x2), splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, x2), splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, x2), splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, x2), x), x);
  return v128.bitselect(small, signed, f32x4.lt(ax, splat(0.625)));
}

// x·x = p + e exactly (Dekker's product with Veltkamp's split: no FMA in SIMD128);
// callers clamp x to ±30 first, past which the GELU terms saturate anyway.
@inline
function squareHi(x: v128): v128 {
  return f32x4.mul(x, x);
}

@inline
function squareLo(x: v128, p: v128): v128 {
  const c = f32x4.mul(x, splat(4097));
  const hi = f32x4.sub(c, f32x4.sub(c, x));
  const lo = f32x4.sub(x, hi);
  return f32x4.add(f32x4.add(f32x4.sub(f32x4.mul(hi, hi), p), f32x4.mul(f32x4.add(hi, hi), lo)), f32x4.mul(lo, lo));
}

/**
 * Φ(x) = erfc(−x/√2)/2 from Numerical Recipes' erfcc (as lib/tensor/kernels/erfc.ts):
 * t·exp(−z² − 1.26551223 + t·P(t)), z = |x|/√2. z² = x²/2 is split exactly into
 * p/2 + e/2 and exp(−p/2) taken apart from exp(the rest), so the large part of
 * the exponent carries no rounding error into the tail.
 */
@inline
function normalCdfV(xIn: v128): v128 {
  const x = f32x4.min(f32x4.max(xIn, splat(-30)), splat(30));
  const az = f32x4.mul(f32x4.abs(x), splat(SQRT_HALF));
  const t = f32x4.div(splat(1), f32x4.add(splat(1), f32x4.mul(splat(0.5), az)));
  let q = splat(0.17087277);
  q = f32x4.add(f32x4.mul(q, t), splat(-0.82215223));
  q = f32x4.add(f32x4.mul(q, t), splat(1.48851587));
  q = f32x4.add(f32x4.mul(q, t), splat(-1.13520398));
  q = f32x4.add(f32x4.mul(q, t), splat(0.27886807));
  q = f32x4.add(f32x4.mul(q, t), splat(-0.18628806));
  q = f32x4.add(f32x4.mul(q, t), splat(0.09678418));
  q = f32x4.add(f32x4.mul(q, t), splat(0.37409196));
  q = f32x4.add(f32x4.mul(q, t), splat(1.00002368));
  const p = squareHi(x);
  const e = squareLo(x, p);
  const rest = f32x4.add(f32x4.sub(f32x4.mul(splat(-0.5), e), splat(1.26551223)), f32x4.mul(t, q));
  const halfErfc = f32x4.mul(f32x4.mul(splat(0.5), t), f32x4.mul(exp4(f32x4.mul(splat(-0.5), p)), exp4(rest)));
  return v128.bitselect(halfErfc, f32x4.sub(splat(1), halfErfc), f32x4.lt(x, splat(0)));
}

/** x·exp(−x²/2)/√(2π), with x² split exactly as in normalCdfV. */
@inline
function normalPdfTimesX(xIn: v128): v128 {
  const x = f32x4.min(f32x4.max(xIn, splat(-30)), splat(30));
  const p = squareHi(x);
  const e = squareLo(x, p);
  const ex = f32x4.mul(exp4(f32x4.mul(splat(-0.5), p)), f32x4.sub(splat(1), f32x4.mul(splat(0.5), e)));
  return f32x4.mul(f32x4.mul(xIn, splat(INV_SQRT_2PI)), ex);
}

/** 2·√(2/π)·x(1 + 0.044715x²) for two float64 lanes. */
@inline
function geluTanhArg2Pair(x: v128): v128 {
  const inner = f64x2.mul(x, f64x2.add(f64x2.splat(1), f64x2.mul(f64x2.splat(0.044715), f64x2.mul(x, x))));
  return f64x2.mul(f64x2.splat(2 * 0.7978845608028654), inner);
}

/**
 * 2u = 2·√(2/π)(x + 0.044715x³), the argument of GELU's tanh form as a sigmoid
 * (1 + tanh(u) = 2σ(2u)), computed in float64 lanes and rounded once: σ(2u)'s
 * relative error grows with |2u| times 2u's, so 2u must be correctly rounded.
 */
@inline
function geluTanhArg2(x: v128): v128 {
  const lo = f32x4.demote_f64x2_zero(geluTanhArg2Pair(f64x2.promote_low_f32x4(x)));
  const hi = f32x4.demote_f64x2_zero(geluTanhArg2Pair(f64x2.promote_low_f32x4(f32x4.shuffle(x, x, 2, 3, 2, 3))));
  return f32x4.shuffle(lo, hi, 0, 1, 4, 5);
}

@inline
function forward4(op: i32, x: v128): v128 {
  if (op == RELU) return v128.and(x, f32x4.gt(x, splat(0)));
  if (op == NEG) return f32x4.neg(x);
  if (op == EXP) return expV(x);
  if (op == TANH) return tanhV(x);
  if (op == SIGMOID) return sigmoidV(x);
  if (op == SILU) return f32x4.mul(x, sigmoidV(x));
  if (op == GELU) return f32x4.mul(x, normalCdfV(x));
  // GELU_TANH: 0.5·x·(1 + tanh u) = x·σ(2u).
  return f32x4.mul(x, sigmoidV(geluTanhArg2(x)));
}

/**
 * The amount added to gx: g·f'(x), given y = f(x), for silu, gelu and gelu_tanh
 * (relu and neg are handled inline; exp, sigmoid and tanh backward stay on the
 * TypeScript loop: see TS_BACKWARD in lib/tensor/wasm/wasm-kernels.ts).
 */
@inline
function backward4(op: i32, g: v128, x: v128, y: v128): v128 {
  if (op == SILU) {
    const e = expNegAbs(x);
    const r = recipOnePlus(e);
    const s = sigmoidFrom(x, e, r);
    const oneMinusS = oneMinusSigmoidFrom(x, e, r);
    return f32x4.mul(f32x4.mul(g, s), f32x4.add(splat(1), f32x4.mul(x, oneMinusS)));
  }
  if (op == GELU) {
    // Φ(x) = y/x recovers the forward's CDF without a second erfc (0.5 near x = 0).
    const cdf = v128.bitselect(f32x4.div(y, x), splat(0.5), f32x4.gt(f32x4.abs(x), splat(1e-20)));
    return f32x4.mul(g, f32x4.add(cdf, normalPdfTimesX(x)));
  }
  // GELU_TANH: σ + 2xσ(1 − σ)·du with σ = σ(2u), du = √(2/π)(1 + 3·0.044715x²).
  const w = geluTanhArg2(x);
  const e = expNegAbs(w);
  const r = recipOnePlus(e);
  const s = sigmoidFrom(w, e, r);
  const oneMinusS = oneMinusSigmoidFrom(w, e, r);
  const du = f32x4.mul(splat(SQRT_2_OVER_PI), f32x4.add(splat(1), f32x4.mul(splat(3 * GELU_TANH_COEF), f32x4.mul(x, x))));
  const d = f32x4.add(s, f32x4.mul(f32x4.mul(f32x4.add(x, x), f32x4.mul(s, oneMinusS)), du));
  return f32x4.mul(g, d);
}

/** Loads count (1..3) floats into the low lanes of a vector (the rest 0). */
@inline
function loadTail(p: usize, count: i32): v128 {
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

@inline
function storeTail(p: usize, v: v128, count: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (count > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

@inline
function runUnary(op: i32, x: usize, y: usize, n: i32): void {
  const n4 = n & ~3;
  let j: i32 = 0;
  for (; j < n4; j += 4) {
    const o = <usize>j << 2;
    v128.store(y + o, forward4(op, v128.load(x + o)));
  }
  // The tail goes through the same vector code, so every element gets the same arithmetic.
  if (j < n) {
    const o = <usize>j << 2;
    storeTail(y + o, forward4(op, loadTail(x + o, n - j)), n - j);
  }
}

@inline
function runUnaryBackward(op: i32, g: usize, x: usize, y: usize, gx: usize, n: i32): void {
  const n4 = n & ~3;
  let j: i32 = 0;
  for (; j < n4; j += 4) {
    const o = <usize>j << 2;
    const gv = v128.load(g + o);
    const cur = v128.load(gx + o);
    let next: v128;
    if (op == RELU) next = v128.bitselect(f32x4.add(cur, gv), cur, f32x4.gt(v128.load(x + o), splat(0)));
    else if (op == NEG) next = f32x4.sub(cur, gv);
    else next = f32x4.add(cur, backward4(op, gv, v128.load(x + o), v128.load(y + o)));
    v128.store(gx + o, next);
  }
  if (j < n) {
    const o = <usize>j << 2;
    const c = n - j;
    const gv = loadTail(g + o, c);
    const cur = loadTail(gx + o, c);
    const xv = loadTail(x + o, c);
    let next: v128;
    if (op == RELU) next = v128.bitselect(f32x4.add(cur, gv), cur, f32x4.gt(xv, splat(0)));
    else if (op == NEG) next = f32x4.sub(cur, gv);
    else next = f32x4.add(cur, backward4(op, gv, xv, loadTail(y + o, c)));
    storeTail(gx + o, next, c);
  }
}

/** y = f(x) over n floats. */
export function unary(op: i32, x: usize, y: usize, n: i32): void {
  if (op == RELU) runUnary(RELU, x, y, n);
  else if (op == NEG) runUnary(NEG, x, y, n);
  else if (op == EXP) runUnary(EXP, x, y, n);
  else if (op == TANH) runUnary(TANH, x, y, n);
  else if (op == SIGMOID) runUnary(SIGMOID, x, y, n);
  else if (op == SILU) runUnary(SILU, x, y, n);
  else if (op == GELU) runUnary(GELU, x, y, n);
  else runUnary(GELU_TANH, x, y, n);
}

/** gx += g·f'(x) over n floats for relu, neg, silu, gelu and gelu_tanh (y = f(x); relu reads no y, neg neither x nor y). */
export function unaryBackward(op: i32, g: usize, x: usize, y: usize, gx: usize, n: i32): void {
  if (op == RELU) runUnaryBackward(RELU, g, x, y, gx, n);
  else if (op == NEG) runUnaryBackward(NEG, g, x, y, gx, n);
  else if (op == SILU) runUnaryBackward(SILU, g, x, y, gx, n);
  else if (op == GELU) runUnaryBackward(GELU, g, x, y, gx, n);
  else if (op == GELU_TANH) runUnaryBackward(GELU_TANH, g, x, y, gx, n);
}
