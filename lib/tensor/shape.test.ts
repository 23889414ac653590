import { describe, expect, it } from 'vitest';
import { broadcastRows, broadcastShapes, normaliseAxis, stridesOf } from './shape.ts';

function rows(out: number[], a: number[], b: number[]): number[][] {
  const seen: number[][] = [];
  broadcastRows(out, a, b, (o, ao, as, bo, bs, n) => seen.push([o, ao, as, bo, bs, n]));
  return seen;
}

describe('shape arithmetic', () => {
  it('broadcasts like NumPy and names the op on mismatch', () => {
    expect(broadcastShapes([2, 1, 4], [3, 1], 'add')).toEqual([2, 3, 4]);
    expect(broadcastShapes([], [5], 'add')).toEqual([5]);
    expect(() => broadcastShapes([2, 3], [4], 'mul')).toThrow('mul: shapes [2,3] and [4] do not broadcast');
  });

  it('computes strides and normalises axes', () => {
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(normaliseAxis(-1, 3, 'op')).toBe(2);
    expect(() => normaliseAxis(3, 3, 'sum')).toThrow('sum: axis 3 out of range for a tensor of rank 3');
  });

  it('walks same-shape and scalar operands as one row', () => {
    expect(rows([2, 3], [2, 3], [2, 3])).toEqual([[0, 0, 1, 0, 1, 6]]);
    expect(rows([2, 3], [2, 3], [])).toEqual([[0, 0, 1, 0, 0, 6]]);
  });

  it('walks a last-dim vector one row per vector', () => {
    expect(rows([2, 3], [2, 3], [3])).toEqual([[0, 0, 1, 0, 1, 3], [3, 3, 1, 0, 1, 3]]);
  });

  it('walks a column operand with stride 0', () => {
    expect(rows([2, 3], [2, 3], [2, 1])).toEqual([[0, 0, 1, 0, 0, 3], [3, 3, 1, 1, 0, 3]]);
  });

  it('handles operands broadcast in the middle', () => {
    const seen = rows([2, 2, 2], [2, 1, 2], [1, 2, 1]);
    // a repeats over dim 1, b over dims 0 and 2.
    const pairs: number[][] = [];
    for (const [o, ao, as, bo, bs, n] of seen) for (let j = 0; j < n; j++) pairs.push([o + j, ao + j * as, bo + j * bs]);
    expect(pairs).toEqual([
      [0, 0, 0], [1, 1, 0], [2, 0, 1], [3, 1, 1],
      [4, 2, 0], [5, 3, 0], [6, 2, 1], [7, 3, 1],
    ]);
  });
});
