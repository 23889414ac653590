import { describe, expect, it } from 'vitest';
import { gradCheck, permute, randn, reshape, Rng, squeeze, sum, tensor, transpose, unsqueeze } from '../index.ts';

const rng = new Rng(15);
const leaf = (shape: number[]) => randn(shape, rng, { requiresGrad: true });

describe('reshape', () => {
  it('shares storage and infers one -1', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = reshape(x, [3, -1]);
    expect(y.shape).toEqual([3, 2]);
    expect(y.data).toBe(x.data);
  });

  it('rejects impossible shapes', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(() => reshape(x, [4, -1])).toThrow('reshape: cannot reshape [2,3] (6 elements) into [4,-1]');
    expect(() => reshape(x, [-1, -1])).toThrow(/only one dim/);
    expect(() => reshape(x, [5])).toThrow(/cannot reshape/);
  });

  it('passes gradients through', () => {
    expect(gradCheck((x) => reshape(x, [4, 6]), [leaf([2, 3, 4])]).mismatches).toEqual([]);
    expect(gradCheck((x) => squeeze(unsqueeze(x, 1), 1), [leaf([2, 3])]).mismatches).toEqual([]);
  });

  it('unsqueeze and squeeze', () => {
    const x = tensor([1, 2], [2]);
    expect(unsqueeze(x, 0).shape).toEqual([1, 2]);
    expect(unsqueeze(x, -1).shape).toEqual([2, 1]);
    expect(squeeze(tensor([1, 2], [1, 2, 1])).shape).toEqual([2]);
    expect(() => squeeze(x, 0)).toThrow(/has size 2, not 1/);
  });
});

describe('permute and transpose', () => {
  it('reorder elements', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(transpose(x, 0, 1).toArray()).toEqual([1, 4, 2, 5, 3, 6]);
    expect(transpose(x, 0, 1).shape).toEqual([3, 2]);
    const y = tensor(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    const p = permute(y, [2, 0, 1]);
    expect(p.shape).toEqual([4, 2, 3]);
    // p[k, i, j] = y[i, j, k]
    expect(p.data[1 * 6 + 1 * 3 + 2]).toBe(y.data[1 * 12 + 2 * 4 + 1]);
  });

  it('reject bad permutations', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(() => permute(x, [0, 0])).toThrow(/not a permutation/);
    expect(() => permute(x, [0])).toThrow(/does not list the 2 dims/);
  });

  it('have correct gradients', () => {
    expect(gradCheck((x) => transpose(x, 0, 1), [leaf([3, 4])]).mismatches).toEqual([]);
    expect(gradCheck((x) => transpose(x, -1, -2), [leaf([2, 3, 4])]).mismatches).toEqual([]);
    expect(gradCheck((x) => permute(x, [2, 0, 3, 1]), [leaf([2, 3, 4, 2])]).mismatches).toEqual([]);
    expect(gradCheck((x) => permute(x, [0, 2, 1, 3]), [leaf([2, 3, 2, 4])]).mismatches).toEqual([]);
  });

  it('identity permute still routes the gradient', () => {
    const x = tensor([1, 2], [1, 2], { requiresGrad: true });
    sum(permute(x, [0, 1])).backward();
    expect(x.grad!.toArray()).toEqual([1, 1]);
  });
});
