import { describe, expect, it } from 'vitest';
import { gradCheck, layerNorm, randn, Rng, tensor } from '../index.ts';

const rng = new Rng(19);
const leaf = (shape: number[]) => randn(shape, rng, { requiresGrad: true });

describe('layerNorm', () => {
  it('normalises a known row with biased variance and eps 1e-5', () => {
    // mean 2.5, biased var 1.25, so x̂ = (x − 2.5)/√1.25001 = [−1.3416354, −0.4472118, 0.4472118, 1.3416354].
    const y = layerNorm(tensor([1, 2, 3, 4], [1, 4])).toArray();
    [-1.3416354, -0.4472118, 0.4472118, 1.3416354].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 6));
    const affine = layerNorm(tensor([1, 2, 3, 4], [4]), tensor([1, 2, 1, 1], [4]), tensor([0, 0, 1, 0], [4])).toArray();
    [-1.3416354, -0.8944236, 1.4472118, 1.3416354].forEach((v, i) => expect(affine[i]).toBeCloseTo(v, 6));
  });

  it('maps a constant row to the bias', () => {
    expect(layerNorm(tensor([3, 3, 3], [3]), null, tensor([1, 2, 3], [3])).toArray()).toEqual([1, 2, 3]);
  });

  it('reports parameter shapes that do not match', () => {
    expect(() => layerNorm(randn([2, 4], rng), randn([3], rng))).toThrow('layerNorm: weight [3] does not match the last dim of input [2,4]');
  });

  it('has correct gradients for input, weight and bias', () => {
    expect(gradCheck((x, w, b) => layerNorm(x, w, b), [leaf([2, 3, 5]), leaf([5]), leaf([5])]).mismatches).toEqual([]);
    expect(gradCheck((x) => layerNorm(x), [leaf([3, 6])]).mismatches).toEqual([]);
    expect(gradCheck((x, w) => layerNorm(x, w, null, 1e-3), [leaf([4, 4]), leaf([4])]).mismatches).toEqual([]);
  });
});
