import { describe, expect, it } from 'vitest';
import { erf, gradCheck, randn, Rng, tensor } from '../index.ts';
import { erfcNonNegative, erfScalar } from './erf.ts';

describe('erf', () => {
  it('matches reference values to ~1e-7', () => {
    // Reference values from mpmath / Abramowitz & Stegun table 7.1.
    const cases: [number, number][] = [
      [0, 0],
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [-1.5, -0.9661051464753108],
      [4, 0.9999999845827421],
    ];
    for (const [x, expected] of cases) expect(Math.abs(erfScalar(x) - expected), `erf(${x})`).toBeLessThan(2e-7);
    expect(erf(tensor([0.5], [1])).item()).toBeCloseTo(0.5204998778, 7);
  });

  it('is odd and relatively accurate for tiny arguments', () => {
    expect(erfScalar(-0.3)).toBe(-erfScalar(0.3));
    expect(erfScalar(1e-8) / (1.1283791670955126e-8)).toBeCloseTo(1, 12);
  });

  it('gives erfc tails with small relative error', () => {
    expect(erfcNonNegative(3) / 2.209049699858544e-5).toBeCloseTo(1, 6);
    expect(erfcNonNegative(5) / 1.5374597944280349e-12).toBeCloseTo(1, 6);
  });

  it('has the gradient 2/√π·e^(−x²)', () => {
    expect(gradCheck(erf, [randn([6], new Rng(12), { requiresGrad: true })]).mismatches).toEqual([]);
  });
});
