import { describe, expect, it } from 'vitest';
import { gelu, gradCheck, randn, relu, Rng, sigmoid, silu, tensor } from '../index.ts';

const rng = new Rng(13);
/** Normal samples pushed away from 0 so relu's kink is not straddled by the finite difference. */
const awayFromKink = () => {
  const t = randn([8], rng, { requiresGrad: true });
  const d = t.data as Float32Array;
  for (let i = 0; i < d.length; i++) d[i] += d[i] >= 0 ? 0.1 : -0.1;
  return t;
};

describe('activations', () => {
  it('relu clamps negatives and passes the gradient only where x > 0', () => {
    expect(relu(tensor([-1, 0, 2], [3])).toArray()).toEqual([0, 0, 2]);
    expect(gradCheck(relu, [awayFromKink()]).mismatches).toEqual([]);
  });

  it('gelu (exact) matches x·Φ(x)', () => {
    expect(gelu(tensor([1], [1])).item()).toBeCloseTo(0.8413447460685429, 6);
    expect(gelu(tensor([-1], [1])).item()).toBeCloseTo(-0.15865525393145707, 6);
    expect(gelu(tensor([0], [1])).item()).toBe(0);
    // Far tail: −6·Φ(−6) = −5.92e-9, accurate in relative terms.
    expect(gelu(tensor([-6], [1])).item() / -5.919242e-9).toBeCloseTo(1, 4);
    expect(gradCheck((x) => gelu(x), [randn([8], rng, { requiresGrad: true })]).mismatches).toEqual([]);
  });

  it('gelu (tanh) matches PyTorch approximate="tanh"', () => {
    expect(gelu(tensor([1], [1]), 'tanh').item()).toBeCloseTo(0.8411919906082768, 6);
    expect(gelu(tensor([-2], [1]), 'tanh').item()).toBeCloseTo(-0.04540230591222, 6);
    expect(gradCheck((x) => gelu(x, 'tanh'), [randn([8], rng, { requiresGrad: true })]).mismatches).toEqual([]);
    expect(() => gelu(tensor([1], [1]), 'fast' as 'tanh')).toThrow(/approximate/);
  });

  it('sigmoid is stable for large |x|', () => {
    const y = sigmoid(tensor([0, 1000, -1000, 2], [4])).toArray();
    expect(y.slice(0, 3)).toEqual([0.5, 1, 0]);
    expect(y[3]).toBeCloseTo(1 / (1 + Math.exp(-2)), 7);
    expect(gradCheck(sigmoid, [randn([8], rng, { requiresGrad: true })]).mismatches).toEqual([]);
  });

  it('silu is x·σ(x)', () => {
    expect(silu(tensor([1], [1])).item()).toBeCloseTo(0.7310585786300049, 6);
    expect(gradCheck(silu, [randn([8], rng, { requiresGrad: true })]).mismatches).toEqual([]);
  });
});
