import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../index.ts';
import { SGD } from './sgd.ts';

function param(values: number[]): Tensor {
  return tensor(values, [values.length], { requiresGrad: true });
}

function setGrad(p: Tensor, values: number[]): void {
  p.grad = tensor(values, [values.length]);
}

describe('SGD', () => {
  it('plain: p ← p − lr·g', () => {
    const p = param([1, 2]);
    const opt = new SGD([p], { lr: 0.5 });
    setGrad(p, [0.2, -0.4]);
    opt.step();
    expect(p.toArray()).toEqual([0.9, 2.2].map(Math.fround));
  });

  it('momentum matches torch over two steps', () => {
    // lr 0.1, momentum 0.9, dampening 0.
    // Step 1: buf = g1 = 1 ⇒ p = 1 − 0.1·1 = 0.9
    // Step 2: buf = 0.9·1 + 0.5 = 1.4 ⇒ p = 0.9 − 0.14 = 0.76
    const p = param([1]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9 });
    setGrad(p, [1]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.9, 6);
    setGrad(p, [0.5]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.76, 6);
  });

  it('nesterov matches torch over two steps', () => {
    // Step 1: buf = 1; g = 1 + 0.9·1 = 1.9 ⇒ p = 1 − 0.19 = 0.81
    // Step 2: buf = 0.9 + 0.5 = 1.4; g = 0.5 + 0.9·1.4 = 1.76 ⇒ p = 0.81 − 0.176 = 0.634
    const p = param([1]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true });
    setGrad(p, [1]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.81, 6);
    setGrad(p, [0.5]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.634, 6);
  });

  it('weight decay is added to the gradient before momentum', () => {
    // g = 1 + 0.1·2 = 1.2 ⇒ p = 2 − 0.1·1.2 = 1.88
    const p = param([2]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, weightDecay: 0.1 });
    setGrad(p, [1]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(1.88, 6);
  });

  it('rejects nesterov without momentum', () => {
    expect(() => new SGD([param([1])], { lr: 0.1, nesterov: true })).toThrow(/nesterov/);
  });
});
