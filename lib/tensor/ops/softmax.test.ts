import { describe, expect, it } from 'vitest';
import { gradCheck, logSoftmax, maskedFill, randn, Rng, softmax, tensor, intTensor } from '../index.ts';

const rng = new Rng(18);
const leaf = (shape: number[]) => randn(shape, rng, { requiresGrad: true });

describe('softmax and logSoftmax', () => {
  it('give known values', () => {
    const y = softmax(tensor([1, 2, 3], [3])).toArray();
    [0.0900306, 0.2447285, 0.665241].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 6));
    const l = logSoftmax(tensor([1, 2, 3], [3])).toArray();
    // log(sum(exp)) = 3.4076059644, so log p = x − 3.4076059644.
    [-2.4076059644, -1.4076059644, -0.4076059644].forEach((v, i) => expect(l[i]).toBeCloseTo(v, 5));
  });

  it('are stable for huge logits', () => {
    const y = softmax(tensor([1000, 1001], [2])).toArray();
    expect(y[0]).toBeCloseTo(0.2689414, 6);
    expect(y[1]).toBeCloseTo(0.7310586, 6);
    const l = logSoftmax(tensor([1000, 1001, -1000], [3])).toArray();
    expect(l.every(Number.isFinite)).toBe(true);
    expect(l[1]).toBeCloseTo(-0.3132617, 6);
  });

  it('give zero probability to −∞ (masked) entries', () => {
    const masked = maskedFill(tensor([1, 2, 3], [3]), intTensor([0, 0, 1], [3]), -Infinity);
    expect(softmax(masked).toArray()[2]).toBe(0);
    expect(softmax(masked).toArray()[0]).toBeCloseTo(0.2689414, 6);
  });

  it('work along a non-last axis', () => {
    const x = tensor([1, 2, 3, 4], [2, 2]);
    const y = softmax(x, 0).toArray();
    expect(y[0] + y[2]).toBeCloseTo(1, 6);
    expect(y[0]).toBeCloseTo(1 / (1 + Math.exp(2)), 6);
  });

  it('have correct gradients on every axis', () => {
    for (const axis of [-1, 0, 1]) {
      expect(gradCheck((x) => softmax(x, axis), [leaf([2, 3, 4])]).mismatches, `softmax ${axis}`).toEqual([]);
      expect(gradCheck((x) => logSoftmax(x, axis), [leaf([2, 3, 4])]).mismatches, `logSoftmax ${axis}`).toEqual([]);
    }
  });
});
