import { describe, expect, it } from 'vitest';
import { Rng, randn } from '../tensor/index.ts';
import { gradCheckModule } from './gradcheck-module.ts';
import { Linear } from './linear.ts';

describe('Linear', () => {
  it('has PyTorch’s parameters: Linear(10, 5) = 55, weight [out, in]', () => {
    const layer = new Linear(10, 5, { rng: new Rng(0) });
    expect(layer.numParameters()).toBe(55);
    expect(layer.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['weight', [5, 10]],
      ['bias', [5]],
    ]);
    expect(new Linear(10, 5, { rng: new Rng(0), bias: false }).numParameters()).toBe(50);
  });

  it('initialises weight and bias from U(-1/√in, 1/√in), reproducibly from the seed', () => {
    const layer = new Linear(16, 64, { rng: new Rng(3) });
    const bound = 1 / Math.sqrt(16);
    for (const p of layer.parameters()) {
      expect(Math.max(...p.data.map(Math.abs))).toBeLessThanOrEqual(bound);
    }
    // The draws fill the range rather than a narrower one.
    expect(Math.max(...layer.weight.data.map(Math.abs))).toBeGreaterThan(0.95 * bound);
    const again = new Linear(16, 64, { rng: new Rng(3) });
    expect(Array.from(again.weight.data)).toEqual(Array.from(layer.weight.data));
  });

  it('computes x Wᵀ + b', () => {
    const layer = new Linear(2, 2, { rng: new Rng(0) });
    layer.weight.data.set([1, 2, 3, 4]);
    layer.bias!.data.set([10, 20]);
    const x = randn([1, 2], new Rng(0));
    x.data.set([1, -1]);
    // [1·1 + 2·(−1) + 10, 3·1 + 4·(−1) + 20]
    expect(layer.forward(x).toArray()).toEqual([9, 19]);
  });

  it('passes a finite-difference gradient check (weight, bias, input)', () => {
    const rng = new Rng(4);
    const layer = new Linear(3, 4, { rng });
    const x = randn([2, 2, 3], rng, { requiresGrad: true });
    const result = gradCheckModule(layer, () => layer.forward(x), [x]);
    expect(result.mismatches).toEqual([]);
  });
});
