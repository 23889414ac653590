import { describe, expect, it } from 'vitest';
import { Rng, ones } from '../tensor/index.ts';
import { Dropout } from './dropout.ts';

describe('Dropout', () => {
  it('is the identity in eval mode', () => {
    const drop = new Dropout(0.5, new Rng(0)).eval();
    const x = ones([4, 4]);
    expect(drop.forward(x).toArray()).toEqual(x.toArray());
  });

  it('zeroes about p of the values in training and scales the rest by 1/(1−p)', () => {
    const drop = new Dropout(0.25, new Rng(0));
    const out = drop.forward(ones([100, 100])).toArray();
    const kept = out.filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.75)]));
    expect(Math.abs(1 - kept.length / out.length - 0.25)).toBeLessThan(0.02);
  });

  it('draws the same masks from the same seed', () => {
    const a = new Dropout(0.5, new Rng(9)).forward(ones([50])).toArray();
    const b = new Dropout(0.5, new Rng(9)).forward(ones([50])).toArray();
    expect(a).toEqual(b);
  });

  it('rejects p outside [0, 1)', () => {
    expect(() => new Dropout(1, new Rng(0))).toThrow(/p must be in/);
  });
});
