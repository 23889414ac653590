import { describe, expect, it } from 'vitest';
import { Rng, randn, tensor } from '../tensor/index.ts';
import { gradCheckModule } from './gradcheck-module.ts';
import { LayerNorm } from './layer-norm.ts';

describe('LayerNorm', () => {
  it('has weight = ones, bias = zeros, eps 1e-5', () => {
    const norm = new LayerNorm(3);
    expect(norm.namedParameters().map(([n, p]) => [n, p.toArray()])).toEqual([
      ['weight', [1, 1, 1]],
      ['bias', [0, 0, 0]],
    ]);
    expect(norm.eps).toBe(1e-5);
    expect(new LayerNorm(3, { bias: false }).numParameters()).toBe(3);
    expect(new LayerNorm(3, { elementwiseAffine: false }).numParameters()).toBe(0);
  });

  it('normalises with the biased variance', () => {
    // [1, 2, 3]: mean 2, biased var 2/3 ⇒ (x − 2)/√(2/3 + 1e-5)
    const out = new LayerNorm(3).forward(tensor([1, 2, 3], [1, 3])).toArray();
    const s = Math.sqrt(2 / 3 + 1e-5);
    [-1 / s, 0, 1 / s].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
  });

  it('rejects a mismatched last dim', () => {
    expect(() => new LayerNorm(4).forward(tensor([1, 2, 3], [1, 3]))).toThrow(/expected last dim 4/);
  });

  it('passes a finite-difference gradient check', () => {
    const rng = new Rng(5);
    const norm = new LayerNorm(4);
    norm.weight!.data.set([0.5, 1.5, -1, 2]);
    norm.bias!.data.set([0.1, -0.2, 0.3, 0]);
    const x = randn([2, 3, 4], rng, { requiresGrad: true });
    expect(gradCheckModule(norm, () => norm.forward(x), [x]).mismatches).toEqual([]);
  });
});
