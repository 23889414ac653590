import { describe, expect, it } from 'vitest';
import { plainSoftmaxRows, plainSoftmaxRowsBackward } from '../../lib/tensor/kernels/softmax-rows.ts';
import { Rng } from '../../lib/tensor/index.ts';
import { loadWasmKernels } from './load-kernels.ts';

const wasm = loadWasmKernels();

function both(x: Float32Array, rows: number, len: number, logarithm: boolean): { w: Float32Array; t: Float32Array } {
  const w = new Float32Array(rows * len).fill(99);
  const t = new Float32Array(rows * len);
  const before = Float32Array.from(x);
  wasm.softmaxRows(x, w, rows, len, logarithm);
  plainSoftmaxRows(x, t, rows, len, logarithm);
  expect(x).toEqual(before);
  return { w, t };
}

describe('WebAssembly SIMD softmax and log-softmax over rows', () => {
  it('matches the TypeScript kernel on random rows of odd and round lengths, small and large logits', () => {
    const rng = new Rng(9);
    for (const len of [1, 2, 3, 5, 8, 13, 32, 67]) {
      for (const scale of [1, 30, 1e4]) {
        const rows = 7;
        const x = Float32Array.from({ length: rows * len }, () => (rng.next() * 2 - 1) * scale);
        const soft = both(x, rows, len, false);
        for (let i = 0; i < x.length; i++) expect(Math.abs(soft.w[i] - soft.t[i])).toBeLessThanOrEqual(1e-6 * soft.t[i] + 1e-7);
        const log = both(x, rows, len, true);
        for (let i = 0; i < x.length; i++) expect(Math.abs(log.w[i] - log.t[i])).toBeLessThanOrEqual(2e-6 * Math.abs(log.t[i]) + 2e-6);
      }
    }
  });

  it('gives exactly 0 probability (and −∞ log-probability) to masked −∞ logits, and rows summing to 1', () => {
    const len = 6;
    const x = new Float32Array([0.5, -Infinity, 2, -Infinity, -1, 3, 1, 1, 1, 1, 1, -Infinity]);
    const { w } = both(x, 2, len, false);
    expect([w[1], w[3], w[11]]).toEqual([0, 0, 0]);
    expect(w.slice(6, 11).every((p) => Math.abs(p - 0.2) < 1e-7)).toBe(true);
    expect(Math.abs(w.slice(0, 6).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
    const log = both(x, 2, len, true);
    expect([log.w[1], log.w[3], log.w[11]]).toEqual([-Infinity, -Infinity, -Infinity]);
  });

  it('computes the backward of softmax and log-softmax like the TS kernel (row sums in float32 lanes: within 1e-6 of the row’s scale)', () => {
    const rng = new Rng(10);
    for (const len of [1, 3, 7, 8, 17, 32, 33, 127]) {
      for (const logarithm of [false, true]) {
        const rows = 5;
        const x = Float32Array.from({ length: rows * len }, () => (rng.next() * 2 - 1) * 4);
        if (len > 2) x[1] = -Infinity; // a masked logit: probability 0, log-probability −∞
        const y = new Float32Array(rows * len);
        plainSoftmaxRows(x, y, rows, len, logarithm);
        const g = Float32Array.from({ length: rows * len }, () => rng.next() * 2 - 1);
        const start = Float32Array.from({ length: rows * len }, () => rng.next() - 0.5);
        const w = Float32Array.from(start);
        const t = Float32Array.from(start);
        const gBefore = Float32Array.from(g);
        wasm.softmaxRowsBackward(g, y, w, rows, len, logarithm);
        plainSoftmaxRowsBackward(g, y, t, rows, len, logarithm);
        expect(g).toEqual(gBefore);
        for (let i = 0; i < t.length; i++) {
          if (!(Math.abs(w[i] - t[i]) <= 1e-6 * (1 + Math.abs(t[i])))) throw new Error(`len ${len} log ${logarithm} [${i}]: wasm ${w[i]}, ts ${t[i]}`);
        }
        if (len > 2) expect(w[1]).toBe(logarithm ? Math.fround(start[1] + g[1]) : start[1]);
      }
    }
  });
});
