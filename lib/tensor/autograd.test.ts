import { describe, expect, it } from 'vitest';
import { add, exp, isGradEnabled, mul, noGrad, sum, tensor, Tensor } from './index.ts';

describe('autograd engine', () => {
  it('computes d(x·y + x)/dx = y + 1 and d/dy = x', () => {
    const x = tensor([2, 3], [2], { requiresGrad: true });
    const y = tensor([5, 7], [2], { requiresGrad: true });
    sum(add(mul(x, y), x)).backward();
    expect(x.grad!.toArray()).toEqual([6, 8]);
    expect(y.grad!.toArray()).toEqual([2, 3]);
  });

  it('accumulates gradients across two backward calls until zeroGrad', () => {
    const x = tensor([1, 2], [2], { requiresGrad: true });
    sum(mul(x, 3)).backward();
    sum(mul(x, 3)).backward();
    expect(x.grad!.toArray()).toEqual([6, 6]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
    sum(mul(x, 3)).backward();
    expect(x.grad!.toArray()).toEqual([3, 3]);
  });

  it('sums the gradient of a tensor used twice (diamond graph)', () => {
    // z = exp(x)·x²-ish diamond: a = 2x, b = x·x, z = a + b  → dz/dx = 2 + 2x.
    const x = tensor([1, -2, 0.5], [3], { requiresGrad: true });
    const a = mul(x, 2);
    const b = mul(x, x);
    sum(add(a, b)).backward();
    expect(x.grad!.toArray()).toEqual([4, -2, 3]);
  });

  it('handles a shared intermediate reached along two paths', () => {
    // e = exp(x); z = e·e → dz/dx = 2e².
    const x = tensor([0.5], [1], { requiresGrad: true });
    const e = exp(x);
    sum(mul(e, e)).backward();
    expect(x.grad!.item()).toBeCloseTo(2 * Math.exp(1), 5);
  });

  it('records nothing under noGrad and restores the mode afterwards, even on throw', () => {
    const x = tensor([1, 2], [2], { requiresGrad: true });
    const y = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return mul(x, 2);
    });
    expect(isGradEnabled()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(() => noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('detach shares data but cuts the graph', () => {
    const x = tensor([1, 2], [2], { requiresGrad: true });
    const d = mul(x, 2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.toArray()).toEqual([2, 4]);
    const w = tensor([3, 3], [2], { requiresGrad: true });
    sum(mul(d, w)).backward();
    expect(x.grad).toBeNull();
    expect(w.grad!.toArray()).toEqual([2, 4]);
  });

  it('frees the graph after backward and refuses to run it twice', () => {
    const x = tensor([1, 2], [2], { requiresGrad: true });
    const h = mul(x, x);
    const loss = sum(h);
    loss.backward();
    expect(loss.gradFn).toBeNull();
    expect(h.gradFn).toBeNull();
    expect(h.isLeaf).toBe(false);
    expect(() => loss.backward()).toThrow(/already freed/);
    expect(() => sum(mul(h, 2)).backward()).toThrow(/already freed/);
  });

  it('does not keep gradients of intermediates', () => {
    const x = tensor([1, 2], [2], { requiresGrad: true });
    const h = mul(x, 3);
    sum(h).backward();
    expect(h.grad).toBeNull();
    expect(h.pendingGrad).toBeNull();
  });

  it('takes an explicit output gradient for non-scalar outputs', () => {
    const x = tensor([1, 2, 3], [3], { requiresGrad: true });
    mul(x, x).backward(tensor([1, 0, -1], [3]));
    expect(x.grad!.toArray()).toEqual([2, 0, -6]);
  });

  it('explains misuse of backward', () => {
    const x = tensor([1, 2], [2], { requiresGrad: true });
    expect(() => mul(x, 2).backward()).toThrow(/one-element/);
    expect(() => mul(x, 2).backward(tensor([1, 2, 3], [3]))).toThrow(/grad shape \[3\] differs from output \[2\]/);
    expect(() => tensor([1], [1]).backward()).toThrow(/does not require grad/);
  });

  it('does not track ops on tensors that do not require grad', () => {
    const a = tensor([1], [1]);
    const out = add(a, 1);
    expect(out.requiresGrad).toBe(false);
    expect(out.gradFn).toBeNull();
  });

  it('survives deep graphs without recursion limits', () => {
    const x = tensor([1], [1], { requiresGrad: true });
    let h: Tensor = x;
    for (let i = 0; i < 20000; i++) h = add(h, 0);
    h.backward();
    expect(x.grad!.item()).toBe(1);
  });
});
