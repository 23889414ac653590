import { describe, expect, it } from 'vitest';
import { plainBinary, plainSumRowsInto, plainUnary, plainUnaryBackward } from '../../lib/tensor/kernels/elementwise.ts';
import type { BinaryOp, UnaryOp } from '../../lib/tensor/kernels/index.ts';
import { Rng } from '../../lib/tensor/index.ts';
import { expectEach, expectSameFloats, randomFloats, ulpDistance } from './float32-compare.ts';
import { loadWasmKernels } from './load-kernels.ts';

const wasm = loadWasmKernels();
const OPS: BinaryOp[] = ['add', 'sub', 'mul', 'div'];
const ODD_SIZES = [1, 3, 4, 7, 17, 33, 127];

/** The size of one float32 ulp at |v| (subnormal spacing below the normal range). */
function ulpOf(v: number): number {
  const a = Math.abs(v);
  if (!(a >= 2 ** -126)) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

/** Runs op both ways on fresh outputs; returns [wasm, ts]. */
function binaryBoth(op: BinaryOp, a: Float32Array, aLen: number, b: Float32Array, bLen: number, n: number): [Float32Array, Float32Array] {
  const w = new Float32Array(n).fill(99);
  const t = new Float32Array(n);
  wasm.binary(op, a, aLen, b, bLen, w, n);
  plainBinary(op, a, aLen, b, bLen, t, n);
  return [w, t];
}

describe('WebAssembly SIMD elementwise arithmetic', () => {
  it('is bit-for-bit the TS kernel for same shapes, trailing-dims broadcasts (either side) and scalars, at odd sizes', () => {
    const rng = new Rng(41);
    for (const op of OPS) {
      for (const rows of [1, 3, 16]) {
        for (const d of ODD_SIZES) {
          const n = rows * d;
          const a = randomFloats(rng, n, 3);
          const b = randomFloats(rng, n, 3, op === 'div' ? 4 : 0);
          const bias = randomFloats(rng, d, 2, op === 'div' ? 3 : 0);
          const scalar = new Float32Array([op === 'div' ? 1.7 : -0.3]);
          const cases: [string, Float32Array, number, Float32Array, number][] = [
            ['same shape', a, n, b, n],
            ['bias on the right', a, n, bias, d],
            ['bias on the left', bias, d, a, n],
            ['scalar on the right', a, n, scalar, 1],
            ['scalar on the left', scalar, 1, b, n],
          ];
          for (const [name, x, xLen, y, yLen] of cases) {
            const [w, t] = binaryBoth(op, x, xLen, y, yLen, n);
            expectSameFloats(w, t, `${op} ${name} [${rows}, ${d}]`);
          }
        }
      }
    }
  });

  it('agrees on zeros, infinities, NaN and subnormals, and writes in place when out is an operand', () => {
    const specials = new Float32Array([0, -0, Infinity, -Infinity, NaN, 1e-45, -3e-39, 3.4e38, 1, -1, 0.5]);
    const others = new Float32Array([-0, 0, Infinity, 2, NaN, 1e-45, 3e-39, 3.4e38, 0, -0, 1e-40]);
    for (const op of OPS) {
      const [w, t] = binaryBoth(op, specials, specials.length, others, others.length, specials.length);
      expectSameFloats(w, t, `${op} specials`);
      const inPlace = Float32Array.from(specials);
      wasm.binary(op, inPlace, inPlace.length, others, others.length, inPlace, inPlace.length);
      expectSameFloats(inPlace, t, `${op} in place`);
    }
  });

  it('sums a broadcast operand’s gradient over rows bit-for-bit (float32 row by row; a scalar in float64)', () => {
    const rng = new Rng(42);
    for (const len of [1, ...ODD_SIZES]) {
      for (const rows of [1, 5, 512]) {
        const g = randomFloats(rng, rows * len, 2);
        const start = randomFloats(rng, len);
        const w = Float32Array.from(start);
        const t = Float32Array.from(start);
        wasm.sumRowsInto(g, rows * len, len, w);
        plainSumRowsInto(g, rows * len, len, t);
        expectSameFloats(w, t, `rows ${rows} × ${len}`);
      }
    }
  });
});

/** x spread evenly over [lo, hi] (n points) followed by a few awkward values. */
function grid(lo: number, hi: number, n: number, extra: number[] = []): Float32Array {
  return Float32Array.from([...Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1)), ...extra]);
}

function unaryBoth(op: UnaryOp, x: Float32Array): [Float32Array, Float32Array] {
  const w = new Float32Array(x.length).fill(99);
  const t = new Float32Array(x.length);
  wasm.unary(op, x, w, x.length);
  plainUnary(op, x, t, x.length);
  return [w, t];
}

describe('WebAssembly SIMD activations', () => {
  it('computes relu and neg bit-for-bit, forward and backward, including odd tails and −0, ±∞, NaN', () => {
    const rng = new Rng(43);
    for (const n of ODD_SIZES) {
      const x = Float32Array.from([...randomFloats(rng, n, 5)].map((v, i) => [v, -0, 0, Infinity, -Infinity, NaN][i % 6 === 5 ? 1 + (i % 5) : 0] ?? v));
      for (const op of ['relu', 'neg'] as const) {
        const [w, t] = unaryBoth(op, x);
        expectSameFloats(w, t, `${op} forward n=${n}`);
        const g = randomFloats(rng, n, 2);
        const gw = randomFloats(rng, n);
        const gt = Float32Array.from(gw);
        wasm.unaryBackward(op, g, x, t, gw, n);
        plainUnaryBackward(op, g, x, t, gt, n);
        expectSameFloats(gw, gt, `${op} backward n=${n}`);
      }
    }
  });

  // Measured maxima over 200,001 points of [−12, 12]: exp and tanh 1 ulp, sigmoid 2–3, silu 3, gelu 7 (its far tail).
  const forwardUlps: Record<Exclude<UnaryOp, 'relu' | 'neg' | 'gelu_tanh'>, number> = { exp: 2, tanh: 2, sigmoid: 4, silu: 4, gelu: 8 };

  it('computes exp, tanh, sigmoid, silu and exact-erf gelu within a few float32 ulps of the TS kernel, saturating like it', () => {
    const x = grid(-12, 12, 20_001, [0, -0, 1e-30, -1e-30, 30, -30, 80, -80, 1000, -1000]);
    for (const [op, ulps] of Object.entries(forwardUlps) as [UnaryOp, number][]) {
      const [w, t] = unaryBoth(op, x);
      expectEach(w, t, (a, e) => ulpDistance(a, e) <= ulps, `${op} forward (≤ ${ulps} ulps)`);
    }
    const [e] = unaryBoth('exp', new Float32Array([89, 1000, -104, -1000]));
    expect(Array.from(e)).toEqual([Infinity, Infinity, 0, 0]);
    const [s] = unaryBoth('sigmoid', new Float32Array([1000, -1000, 0]));
    expect(Array.from(s)).toEqual([1, 0, 0.5]);
  });

  it('computes gelu’s tanh form within 4 ulps where it is well conditioned, and no worse than a 1-ulp change of x in its left tail', () => {
    const right = grid(-0.5, 12, 20_001);
    const [w, t] = unaryBoth('gelu_tanh', right);
    expectEach(w, t, (a, b) => ulpDistance(a, b) <= 4, 'gelu_tanh on [−0.5, 12]');
    // Leftwards the output's condition number |x·f′/f| grows (≈ 6 at −2, past 25 at −4.5): compare with how far
    // the TS value moves when x moves by one ulp.
    const tail = grid(-4.5, -0.5, 20_001);
    const [wt, tt] = unaryBoth('gelu_tanh', tail);
    const nudged = (dir: number) => unaryBoth('gelu_tanh', Float32Array.from(tail, (v) => v + dir * ulpOf(v)))[1];
    const up = nudged(1);
    const down = nudged(-1);
    expectEach(wt, tt, (a, b, i) => Math.abs(a - b) <= Math.max(Math.abs(up[i] - b), Math.abs(down[i] - b)) + 2 * ulpOf(b), 'gelu_tanh on [−4.5, −0.5]');
  });

  it('computes the backward of silu and both gelus within 4 ulps of TS, or 5e-7·|g| near the zeros of the derivative; exp, sigmoid and tanh exactly (on the TS loop)', () => {
    const rng = new Rng(44);
    const x = grid(-10, 10, 20_003);
    const g = randomFloats(rng, x.length, 2);
    for (const op of ['silu', 'gelu', 'gelu_tanh', 'exp', 'sigmoid', 'tanh'] as UnaryOp[]) {
      const y = new Float32Array(x.length);
      plainUnary(op, x, y, x.length);
      const start = randomFloats(rng, x.length);
      const gw = Float32Array.from(start);
      const gt = Float32Array.from(start);
      wasm.unaryBackward(op, g, x, y, gw, x.length);
      plainUnaryBackward(op, g, x, y, gt, x.length);
      if (op === 'exp' || op === 'sigmoid' || op === 'tanh') expectSameFloats(gw, gt, `${op} backward`);
      else expectEach(gw, gt, (a, b, i) => Math.abs(a - b) <= 4 * ulpOf(b) + 5e-7 * Math.abs(g[i]), `${op} backward`);
    }
  });

  it('leaves its inputs untouched and handles n = 0', () => {
    const x = grid(-3, 3, 7);
    const before = Float32Array.from(x);
    const y = new Float32Array(7);
    wasm.unary('gelu', x, y, 7);
    wasm.unary('gelu', x, y, 0);
    expect(x).toEqual(before);
  });
});
