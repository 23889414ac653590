import { describe, expect, it } from 'vitest';
import { gradCheck, intTensor, maskedFill, randn, Rng, tensor } from '../index.ts';

const rng = new Rng(22);

describe('maskedFill', () => {
  it('fills where the broadcast mask is nonzero', () => {
    const x = tensor([1, 2, 3, 4], [2, 2]);
    // A causal-style mask above the diagonal.
    expect(maskedFill(x, intTensor([0, 1, 0, 0], [2, 2]), -Infinity).toArray()).toEqual([1, -Infinity, 3, 4]);
    // Column mask [2, 1] and row mask [2] broadcast.
    expect(maskedFill(x, intTensor([1, 0], [2, 1]), 0).toArray()).toEqual([0, 0, 3, 4]);
    expect(maskedFill(x, tensor([0, 0.5], [2]), 9).toArray()).toEqual([1, 9, 3, 9]);
  });

  it('rejects masks that do not broadcast to the input', () => {
    expect(() => maskedFill(tensor([1, 2], [2]), intTensor([1, 0, 1], [3]), 0)).toThrow(/do not broadcast/);
    expect(() => maskedFill(tensor([1, 2], [2]), intTensor([1, 0, 1, 0], [2, 2]), 0)).toThrow('maskedFill: mask [2,2] does not broadcast to input [2]');
  });

  it('blocks the gradient where filled', () => {
    const mask = intTensor([0, 1, 1, 0, 0, 1], [1, 2, 3]);
    expect(gradCheck((x) => maskedFill(x, mask, -1e9), [randn([2, 2, 3], rng, { requiresGrad: true })]).mismatches).toEqual([]);
    // Key padding: one row of the last dim per batch entry, [2, 1, 3] against [2, 2, 3].
    const key = intTensor([0, 0, 1, 1, 0, 0], [2, 1, 3]);
    expect(gradCheck((x) => maskedFill(x, key, 0), [randn([2, 2, 3], rng, { requiresGrad: true })]).mismatches).toEqual([]);
  });
});
