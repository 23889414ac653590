import { describe, expect, it } from 'vitest';
import { broadcastPeriod } from '../ops/arithmetic.ts';
import { plainBinary, plainSumRowsInto } from './elementwise.ts';
import { blockedMatmul } from './blocked-matmul.ts';
import { loopMatmulBatched } from './matmul-batched.ts';

describe('the plain elementwise kernels and the broadcasts they take', () => {
  it('takes a same-shape operand, a trailing-dims broadcast and a scalar as periodic; other broadcasts are not', () => {
    expect(broadcastPeriod([4, 3], [4, 3])).toBe(12);
    expect(broadcastPeriod([3], [4, 3])).toBe(3);
    expect(broadcastPeriod([1, 1, 3], [2, 4, 3])).toBe(3);
    expect(broadcastPeriod([4, 3], [2, 4, 3])).toBe(12);
    expect(broadcastPeriod([], [2, 4, 3])).toBe(1);
    expect(broadcastPeriod([1, 1], [2, 4])).toBe(1);
    expect(broadcastPeriod([4, 1], [4, 3])).toBeNull();
    expect(broadcastPeriod([2, 1, 3], [2, 4, 3])).toBeNull();
  });

  it('repeats a periodic operand along the output, on either side', () => {
    const out = new Float32Array(6);
    plainBinary('sub', new Float32Array([1, 2, 3, 4, 5, 6]), 6, new Float32Array([10, 20, 30]), 3, out, 6);
    expect(Array.from(out)).toEqual([-9, -18, -27, -6, -15, -24]);
    plainBinary('div', new Float32Array([12]), 1, new Float32Array([1, 2, 3, 4, 6, 12]), 6, out, 6);
    expect(Array.from(out)).toEqual([12, 6, 4, 3, 2, 1]);
  });

  it('sums rows into a broadcast operand’s gradient', () => {
    const dst = new Float32Array([1, 1]);
    plainSumRowsInto(new Float32Array([1, 2, 3, 4, 5, 6]), 6, 2, dst);
    expect(Array.from(dst)).toEqual([10, 13]);
    const scalar = new Float32Array([0.5]);
    plainSumRowsInto(new Float32Array([1, 2, 3]), 3, 1, scalar);
    expect(Array.from(scalar)).toEqual([6.5]);
  });

  it('runs a batched matmul as one product per batch, a stride-0 output summing them', () => {
    // a = [[1]], [[2]], [[3]] (three 1×1 matrices), b broadcast [[10]]: out sums 10 + 20 + 30 into one matrix.
    const out = new Float32Array([5]);
    loopMatmulBatched(blockedMatmul)({ a: new Float32Array([1, 2, 3]), aOffset: 0, b: new Float32Array([10]), bOffset: 0, out, outOffset: 0, m: 1, k: 1, n: 1, transA: false, transB: false, accumulate: true, batch: 3, aStride: 1, bStride: 0, outStride: 0 });
    expect(Array.from(out)).toEqual([65]);
  });
});
