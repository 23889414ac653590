import { describe, expect, it } from 'vitest';
import { Rng, intTensor, sum } from '../tensor/index.ts';
import { Embedding } from './embedding.ts';
import { gradCheckModule } from './gradcheck-module.ts';

describe('Embedding', () => {
  it('has weight [V, d] drawn from N(0, 1)', () => {
    const emb = new Embedding(200, 50, { rng: new Rng(0) });
    expect(emb.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([['weight', [200, 50]]]);
    const values = Array.from(emb.weight.data);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('looks up rows, optionally scaled by √d', () => {
    const emb = new Embedding(3, 4, { rng: new Rng(0), scale: true });
    const out = emb.forward(intTensor([2, 0], [1, 2]));
    expect(out.shape).toEqual([1, 2, 4]);
    const row2 = Array.from(emb.weight.data.slice(8, 12)).map((v) => v * 2);
    expect(Array.from(out.data.slice(0, 4))).toEqual(row2.map(Math.fround));
  });

  it('keeps the padding row at zero and sends it no gradient', () => {
    const emb = new Embedding(4, 3, { rng: new Rng(0), paddingIdx: 1 });
    expect(Array.from(emb.weight.data.slice(3, 6))).toEqual([0, 0, 0]);
    sum(emb.forward(intTensor([1, 2, 1, 2], [2, 2]))).backward();
    const grad = Array.from(emb.weight.grad!.data);
    expect(grad.slice(3, 6)).toEqual([0, 0, 0]);
    expect(grad.slice(6, 9)).toEqual([2, 2, 2]);
  });

  it('accepts a negative paddingIdx as PyTorch does', () => {
    expect(new Embedding(5, 2, { rng: new Rng(0), paddingIdx: -1 }).paddingIdx).toBe(4);
  });

  it('rejects out-of-range ids', () => {
    const emb = new Embedding(3, 2, { rng: new Rng(0) });
    expect(() => emb.forward(intTensor([3], [1]))).toThrow(/outside \[0, 3\)/);
  });

  // With a padding row the true derivative is nonzero but PyTorch (by design) reports 0, so no finite differences there.
  it('passes a finite-difference gradient check, with scaling and repeated ids', () => {
    const emb = new Embedding(5, 3, { rng: new Rng(1), scale: true });
    const ids = intTensor([1, 0, 4, 4, 2, 0], [2, 3]);
    expect(gradCheckModule(emb, () => emb.forward(ids)).mismatches).toEqual([]);
  });
});
