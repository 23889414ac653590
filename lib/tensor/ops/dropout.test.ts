import { describe, expect, it } from 'vitest';
import { dropout, gradCheck, ones, randn, Rng, sum, tensor } from '../index.ts';

describe('dropout', () => {
  it('is the identity when not training or p = 0', () => {
    const x = randn([10], new Rng(1));
    expect(dropout(x, 0.5, false, new Rng(2))).toBe(x);
    expect(dropout(x, 0, true, new Rng(2))).toBe(x);
  });

  it('zeroes about p of the values and scales the rest by 1/(1−p)', () => {
    const y = dropout(ones([10000]), 0.25, true, new Rng(3)).toArray();
    const kept = y.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
    expect(kept.length / y.length).toBeGreaterThan(0.73);
    expect(kept.length / y.length).toBeLessThan(0.77);
    expect(dropout(ones([5]), 1, true, new Rng(3)).toArray()).toEqual([0, 0, 0, 0, 0]);
  });

  it('is reproducible from the seed', () => {
    const x = ones([50]);
    expect(dropout(x, 0.5, true, new Rng(4)).toArray()).toEqual(dropout(x, 0.5, true, new Rng(4)).toArray());
    expect(dropout(x, 0.5, true, new Rng(4)).toArray()).not.toEqual(dropout(x, 0.5, true, new Rng(5)).toArray());
  });

  it('routes the gradient through the recorded mask', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8], [8], { requiresGrad: true });
    const y = dropout(x, 0.5, true, new Rng(6));
    sum(y).backward();
    const mask = y.toArray().map((v, i) => v / x.data[i]);
    expect(x.grad!.toArray()).toEqual(mask);
    expect(mask.some((m) => m === 0) && mask.some((m) => m === 2)).toBe(true);
    // A fixed mask (same seed on every call) makes dropout a plain function to check.
    expect(gradCheck((t) => dropout(t, 0.3, true, new Rng(7)), [randn([3, 5], new Rng(8), { requiresGrad: true })]).mismatches).toEqual([]);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => dropout(ones([2]), 1.5, true, new Rng(1))).toThrow('dropout: probability must be in [0, 1], got 1.5');
  });
});
