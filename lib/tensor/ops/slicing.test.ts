import { describe, expect, it } from 'vitest';
import { concat, gradCheck, intTensor, mul, randn, Rng, slice, split, stack, tensor } from '../index.ts';

const rng = new Rng(16);
const leaf = (shape: number[]) => randn(shape, rng, { requiresGrad: true });
const x23 = tensor([1, 2, 3, 4, 5, 6], [2, 3]);

describe('slice', () => {
  it('takes ranges with Python-style negative and clamped bounds', () => {
    expect(slice(x23, 1, 1, 3).toArray()).toEqual([2, 3, 5, 6]);
    expect(slice(x23, 1, -1).toArray()).toEqual([3, 6]);
    expect(slice(x23, 0, 1, 10).toArray()).toEqual([4, 5, 6]);
    expect(slice(x23, 1, 2, 1).shape).toEqual([2, 0]);
  });

  it('keeps int32 tensors int32', () => {
    const ids = intTensor([1, 2, 3, 4], [2, 2]);
    const s = slice(ids, 1, 0, 1);
    expect(s.dtype).toBe('int32');
    expect(s.toArray()).toEqual([1, 3]);
  });

  it('has correct gradients on every axis', () => {
    expect(gradCheck((x) => slice(x, 0, 1, 3), [leaf([4, 3])]).mismatches).toEqual([]);
    expect(gradCheck((x) => slice(x, 1, 1, 3), [leaf([2, 4, 3])]).mismatches).toEqual([]);
    expect(gradCheck((x) => slice(x, -1, 0, 2), [leaf([2, 4, 3])]).mismatches).toEqual([]);
  });
});

describe('split', () => {
  it('splits by chunk size or by sizes', () => {
    const x = tensor([0, 1, 2, 3, 4], [5]);
    expect(split(x, 2).map((t) => t.toArray())).toEqual([[0, 1], [2, 3], [4]]);
    expect(split(x, [1, 4]).map((t) => t.toArray())).toEqual([[0], [1, 2, 3, 4]]);
    expect(split(x23, 1, 1).map((t) => t.shape)).toEqual([[2, 1], [2, 1], [2, 1]]);
    expect(() => split(x, [2, 2])).toThrow(/do not add up/);
  });

  it('gives each part its own gradient path', () => {
    const check = gradCheck((x) => {
      const [a, b, c] = split(x, [1, 2, 1], 1);
      return concat([mul(c, 3), a, mul(b, -2)], 1);
    }, [leaf([2, 4, 3])]);
    expect(check.mismatches).toEqual([]);
  });
});

describe('concat and stack', () => {
  it('join along an axis', () => {
    const a = tensor([1, 2], [1, 2]);
    const b = tensor([3, 4, 5, 6], [2, 2]);
    expect(concat([a, b], 0).toArray()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(concat([b, b], 1).toArray()).toEqual([3, 4, 3, 4, 5, 6, 5, 6]);
    expect(stack([a, a], 0).shape).toEqual([2, 1, 2]);
    expect(stack([tensor([1, 2], [2]), tensor([3, 4], [2])], 1).toArray()).toEqual([1, 3, 2, 4]);
  });

  it('report mismatched shapes', () => {
    expect(() => concat([tensor([1, 2], [1, 2]), tensor([1, 2, 3], [1, 3])], 0)).toThrow('concat: shapes [1,2], [1,3] differ outside axis 0');
    expect(() => stack([tensor([1], [1]), tensor([1, 2], [2])])).toThrow(/differ/);
  });

  it('have correct gradients', () => {
    expect(gradCheck((a, b) => concat([a, b], 1), [leaf([2, 3, 2]), leaf([2, 1, 2])]).mismatches).toEqual([]);
    expect(gradCheck((a, b) => concat([a, b, a], -1), [leaf([2, 3]), leaf([2, 2])]).mismatches).toEqual([]);
    expect(gradCheck((a, b) => stack([a, b], 1), [leaf([2, 3]), leaf([2, 3])]).mismatches).toEqual([]);
  });
});
