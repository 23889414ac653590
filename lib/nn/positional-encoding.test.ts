import { describe, expect, it } from 'vitest';
import { Rng, randn, zeros } from '../tensor/index.ts';
import { gradCheckModule } from './gradcheck-module.ts';
import { LearnedPositionalEmbedding, SinusoidalPositionalEncoding, sinusoidalTable } from './positional-encoding.ts';

describe('SinusoidalPositionalEncoding', () => {
  it('is [0, 1, 0, 1, …] at position 0', () => {
    expect(Array.from(sinusoidalTable(1, 6))).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('is [sin 1, cos 1, sin(1/100), cos(1/100)] at position 1 for d = 4', () => {
    // 10000^(2·1/4) = 100
    const row = Array.from(sinusoidalTable(2, 4).slice(4, 8));
    const expected = [Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)];
    row.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 7));
  });

  it('handles an odd width (last column is a sine)', () => {
    const table = sinusoidalTable(3, 3);
    expect(table[2 * 3 + 2]).toBeCloseTo(Math.sin(2 / Math.pow(10000, 2 / 3)), 7);
  });

  it('adds PE[:T] to every batch row, has no parameters and exposes the matrix', () => {
    const pe = new SinusoidalPositionalEncoding(4, 10);
    expect(pe.numParameters()).toBe(0);
    expect(pe.matrix.shape).toEqual([10, 4]);
    const out = pe.forward(zeros([2, 3, 4]));
    expect(Array.from(out.data.slice(12, 24))).toEqual(Array.from(pe.matrix.data.slice(0, 12)));
    expect(() => pe.forward(zeros([1, 11, 4]))).toThrow(/exceeds maxLen 10/);
  });
});

describe('LearnedPositionalEmbedding', () => {
  it('has weight [maxLen, d] and adds its first T rows', () => {
    const pe = new LearnedPositionalEmbedding(6, 2, { rng: new Rng(0) });
    expect(pe.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([['weight', [6, 2]]]);
    const out = pe.forward(zeros([1, 2, 2]));
    expect(Array.from(out.data)).toEqual(Array.from(pe.weight.data.slice(0, 4)));
  });

  it('passes a finite-difference gradient check', () => {
    const rng = new Rng(2);
    const pe = new LearnedPositionalEmbedding(5, 3, { rng });
    const x = randn([2, 4, 3], rng, { requiresGrad: true });
    expect(gradCheckModule(pe, () => pe.forward(x), [x]).mismatches).toEqual([]);
  });
});
