import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../index.ts';
import { clipGradNorm } from './clip-grad-norm.ts';

function withGrad(values: number[]): Tensor {
  const p = tensor(values.map(() => 0), [values.length], { requiresGrad: true });
  p.grad = tensor(values, [values.length]);
  return p;
}

describe('clipGradNorm', () => {
  it('returns the total 2-norm over all parameters and scales by maxNorm/(total + 1e-6)', () => {
    // Norms 5 (3,4) and 12 ⇒ total √(25 + 144) = 13; coef = 1/(13 + 1e-6).
    const a = withGrad([3, 4]);
    const b = withGrad([12]);
    const total = clipGradNorm([a, b], 1);
    expect(total).toBeCloseTo(13, 5);
    const coef = 1 / (13 + 1e-6);
    expect(a.grad!.data[0]).toBeCloseTo(3 * coef, 6);
    expect(a.grad!.data[1]).toBeCloseTo(4 * coef, 6);
    expect(b.grad!.data[0]).toBeCloseTo(12 * coef, 6);
  });

  it('leaves gradients alone when the norm is below maxNorm (coef clamped to 1)', () => {
    const a = withGrad([0.3, 0.4]);
    expect(clipGradNorm([a], 10)).toBeCloseTo(0.5, 6);
    expect(a.grad!.toArray()).toEqual([0.3, 0.4].map(Math.fround));
  });

  it('supports the infinity norm and ignores parameters without grads', () => {
    const a = withGrad([-7, 2]);
    const none = tensor([1], [1], { requiresGrad: true });
    expect(clipGradNorm([a, none], 3.5, Infinity)).toBe(7);
    expect(a.grad!.data[0]).toBeCloseTo(-3.5, 5);
    expect(none.grad).toBeNull();
  });

  it('returns 0 when there are no gradients', () => {
    expect(clipGradNorm([tensor([1], [1], { requiresGrad: true })], 1)).toBe(0);
  });
});
