import { describe, expect, it } from 'vitest';
import { intTensor, tensor } from '../tensor/index.ts';
import { outputStats } from './output-stats.ts';

describe('outputStats', () => {
  it('gives shape, mean, Bessel-corrected std, min and max', () => {
    const stats = outputStats(tensor([1, 2, 3, 4], [2, 2]));
    expect(stats).toMatchObject({ shape: [2, 2], mean: 2.5, min: 1, max: 4, nonFinite: 0 });
    expect(stats.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });

  it('counts NaN and infinities apart instead of letting them poison the rest', () => {
    expect(outputStats(tensor([NaN, 1, 3, -Infinity], [4]))).toEqual({ shape: [4], mean: 2, std: Math.SQRT2, min: 1, max: 3, nonFinite: 2 });
  });

  it('works on int32 masks and single values', () => {
    expect(outputStats(intTensor([0, 1, 1, 0], [1, 4]))).toMatchObject({ mean: 0.5, min: 0, max: 1 });
    expect(outputStats(tensor([7], [1]))).toMatchObject({ mean: 7, std: 0 });
  });
});
