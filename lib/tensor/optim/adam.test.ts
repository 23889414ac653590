import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../index.ts';
import { Adam, AdamW } from './adam.ts';

function param(values: number[]): Tensor {
  return tensor(values, [values.length], { requiresGrad: true });
}

function setGrad(p: Tensor, values: number[]): void {
  p.grad = tensor(values, [values.length]);
}

describe('Adam', () => {
  it('matches torch.optim.Adam over two steps with L2 weight decay', () => {
    // lr 0.1, betas (0.9, 0.999), eps 1e-8, weight_decay 0.1 (added to the grad).
    // Step 1: g = 0.5 + 0.1·1 = 0.6; m = 0.06; v = 0.001·0.36 = 0.00036
    //   p = 1 − (0.1/0.1)·0.06 / (√0.00036/√0.001 + 1e-8) = 1 − 0.06/0.6 = 0.9
    // Step 2: g = −0.25 + 0.1·0.9 = −0.16; m = 0.054 − 0.016 = 0.038;
    //   v = 0.999·0.00036 + 0.001·0.0256 = 0.00038524
    //   m̂ = 0.038/0.19 = 0.2; √v̂ = √(0.00038524/0.001999) = 0.438995
    //   p = 0.9 − 0.1·0.2/0.438995 = 0.854441
    const p = param([1]);
    const opt = new Adam([p], { lr: 0.1, weightDecay: 0.1 });
    setGrad(p, [0.5]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.9, 6);
    setGrad(p, [-0.25]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.8544413674617625, 6);
  });

  it('uses PyTorch defaults', () => {
    const opt = new Adam([param([0])]);
    expect([opt.lr, opt.beta1, opt.beta2, opt.eps, opt.weightDecay]).toEqual([1e-3, 0.9, 0.999, 1e-8, 0]);
  });

  it('moves each coordinate by about lr against the sign of its first gradient', () => {
    const p = param([3, -3, 0.5]);
    const opt = new Adam([p], { lr: 0.01 });
    setGrad(p, [100, -0.001, 1e-3]);
    opt.step();
    expect(p.toArray().map((x) => Number(x.toFixed(5)))).toEqual([2.99, -2.99, 0.49]);
  });

  it('skips parameters without a gradient and counts steps per parameter', () => {
    const a = param([1]);
    const b = param([1]);
    const opt = new Adam([a, b], { lr: 0.1 });
    setGrad(a, [1]);
    opt.step();
    expect(b.data[0]).toBe(1);
    setGrad(b, [1]);
    opt.step();
    // b's first step has its own bias correction, so it moves by lr exactly like a's first did.
    expect(b.data[0]).toBeCloseTo(0.9, 6);
  });

  it('zeroGrad clears gradients and lr can be set between steps', () => {
    const p = param([1]);
    const opt = new Adam([p], { lr: 0.1 });
    setGrad(p, [1]);
    opt.zeroGrad();
    expect(p.grad).toBeNull();
    opt.lr = 0;
    setGrad(p, [1]);
    opt.step();
    expect(p.data[0]).toBe(1);
  });
});

describe('AdamW', () => {
  it('matches torch.optim.AdamW over two steps (decoupled decay, default 0.01)', () => {
    // lr 0.1, wd 0.01: p ← p·(1 − 0.001) before each Adam update on the raw gradient.
    // Step 1: p = 0.999; g = 0.5 ⇒ m̂ = 0.5, √v̂ = 0.5 ⇒ p = 0.999 − 0.1 = 0.899
    // Step 2: p = 0.899·0.999 = 0.898101; g = −0.25; m = 0.045 − 0.025 = 0.02;
    //   v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225
    //   m̂ = 0.02/0.19 = 0.105263; √v̂ = √(0.00031225/0.001999) = 0.395225
    //   p = 0.898101 − 0.1·0.105263/0.395225 = 0.871467
    const p = param([1]);
    const opt = new AdamW([p], { lr: 0.1 });
    expect(opt.weightDecay).toBe(0.01);
    setGrad(p, [0.5]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.899, 6);
    setGrad(p, [-0.25]);
    opt.step();
    expect(p.data[0]).toBeCloseTo(0.8714672987058463, 6);
  });

  it('decays towards zero even with a zero gradient, unlike Adam with the same decay', () => {
    const pw = param([2]);
    const pa = param([2]);
    const adamw = new AdamW([pw], { lr: 0.1, weightDecay: 0.5 });
    const adam = new Adam([pa], { lr: 0.1, weightDecay: 0 });
    setGrad(pw, [0]);
    setGrad(pa, [0]);
    adamw.step();
    adam.step();
    expect(pw.data[0]).toBeCloseTo(2 * (1 - 0.05), 6);
    expect(pa.data[0]).toBe(2);
  });
});
