import { describe, expect, it } from 'vitest';
import { argmax, gradCheck, max, mean, randn, Rng, sum, tensor } from '../index.ts';

const rng = new Rng(14);
const leaf = (shape: number[]) => randn(shape, rng, { requiresGrad: true });
const x23 = tensor([1, 2, 3, 4, 5, 6], [2, 3]);

describe('sum and mean', () => {
  it('reduce over one axis, several axes, or everything', () => {
    expect(sum(x23).toArray()).toEqual([21]);
    expect(sum(x23).shape).toEqual([]);
    expect(sum(x23, 0).toArray()).toEqual([5, 7, 9]);
    expect(sum(x23, -1).toArray()).toEqual([6, 15]);
    expect(sum(x23, 1, true).shape).toEqual([2, 1]);
    expect(mean(x23, 1).toArray()).toEqual([2, 5]);
    expect(mean(x23).item()).toBe(3.5);
    const x = tensor(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    expect(sum(x, [0, 2]).toArray()).toEqual([0 + 1 + 2 + 3 + 12 + 13 + 14 + 15, 92, 124]);
    expect(sum(x, [0, 2], true).shape).toEqual([1, 3, 1]);
    expect(mean(x, [2, 0]).toArray()).toEqual([7.5, 11.5, 15.5]);
  });

  it('reject repeated or out-of-range axes', () => {
    expect(() => sum(x23, [1, -1])).toThrow(/repeats/);
    expect(() => mean(x23, 2)).toThrow('mean: axis 2 out of range for a tensor of rank 2');
  });

  it('have correct gradients', () => {
    for (const axis of [undefined, 0, 1, 2, -1, [0, 2], [0, 1, 2]]) {
      for (const keepdim of [false, true]) {
        expect(gradCheck((x) => sum(x, axis, keepdim), [leaf([2, 3, 4])]).mismatches, `sum ${axis}`).toEqual([]);
        expect(gradCheck((x) => mean(x, axis, keepdim), [leaf([2, 3, 4])]).mismatches, `mean ${axis}`).toEqual([]);
      }
    }
  });
});

describe('max and argmax', () => {
  it('return values and first indices', () => {
    const x = tensor([1, 9, 3, 7, 2, 7], [2, 3]);
    expect(max(x, 1).toArray()).toEqual([9, 7]);
    expect(max(x, 0).toArray()).toEqual([7, 9, 7]);
    expect(max(x, 0, true).shape).toEqual([1, 3]);
    expect(max(x).item()).toBe(9);
    expect(argmax(x, 1).toArray()).toEqual([1, 0]);
    expect(argmax(x, 1).dtype).toBe('int32');
  });

  it('send the gradient to the maximum only', () => {
    const x = tensor([1, 9, 3, 7, 2, 7], [2, 3], { requiresGrad: true });
    sum(max(x, 1)).backward();
    expect(x.grad!.toArray()).toEqual([0, 1, 0, 1, 0, 0]);
  });

  it('has correct gradients along any axis (distinct values)', () => {
    const values = Array.from({ length: 24 }, (_, i) => ((i * 7) % 24) * 0.1);
    for (const axis of [0, 1, 2, undefined]) {
      const x = tensor(values, [2, 3, 4], { requiresGrad: true });
      expect(gradCheck((t) => max(t, axis), [x], { eps: 1e-3 }).mismatches).toEqual([]);
    }
  });
});
