import { describe, expect, it } from 'vitest';
import { embedding, gradCheck, indexSelect, intTensor, randn, Rng, sum, tensor } from '../index.ts';

const rng = new Rng(21);
const leaf = (shape: number[]) => randn(shape, rng, { requiresGrad: true });

describe('embedding', () => {
  it('looks up rows for ids of any shape', () => {
    const w = tensor([0, 1, 10, 11, 20, 21], [3, 2]);
    const out = embedding(intTensor([2, 0, 1, 2], [2, 2]), w);
    expect(out.shape).toEqual([2, 2, 2]);
    expect(out.toArray()).toEqual([20, 21, 0, 1, 10, 11, 20, 21]);
  });

  it('scatter-adds gradients for repeated ids', () => {
    const w = tensor([0, 1, 10, 11, 20, 21], [3, 2], { requiresGrad: true });
    sum(embedding(intTensor([2, 2, 0], [3]), w)).backward();
    expect(w.grad!.toArray()).toEqual([1, 1, 0, 0, 2, 2]);
    expect(gradCheck((weight) => embedding(intTensor([1, 3, 1, 0], [2, 2]), weight), [leaf([4, 3])]).mismatches).toEqual([]);
  });

  it('rejects out-of-range or non-integer ids', () => {
    const w = randn([3, 2], rng);
    expect(() => embedding(intTensor([3], [1]), w)).toThrow('embedding: id 3 at position 0 is outside [0, 3)');
    expect(() => embedding(tensor([1], [1]), w)).toThrow(/int32/);
  });
});

describe('indexSelect', () => {
  it('selects along an axis', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(indexSelect(x, 1, intTensor([2, 0], [2])).toArray()).toEqual([3, 1, 6, 4]);
    expect(indexSelect(x, 0, intTensor([1, 1], [2])).toArray()).toEqual([4, 5, 6, 4, 5, 6]);
  });

  it('has correct gradients with repeated ids', () => {
    expect(gradCheck((x) => indexSelect(x, 1, intTensor([2, 0, 2], [3])), [leaf([2, 3, 2])]).mismatches).toEqual([]);
  });
});
