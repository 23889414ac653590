import { describe, expect, it } from 'vitest';
import { Rng, tensor, type Tensor } from '../tensor/index.ts';
import { Dropout } from './dropout.ts';
import { LayerNorm } from './layer-norm.ts';
import { Linear } from './linear.ts';
import { Module } from './module.ts';

class Block extends Module {
  readonly proj: Linear;
  readonly norm: LayerNorm;
  readonly drop: Dropout;
  readonly scale: Tensor;

  constructor(rng: Rng) {
    super();
    this.scale = this.registerParameter('scale', tensor([2], [1]));
    this.proj = this.registerModule('proj', new Linear(3, 2, { rng }));
    this.norm = this.registerModule('norm', new LayerNorm(2));
    this.drop = this.registerModule('drop', new Dropout(0.5, rng));
  }
}

class Outer extends Module {
  readonly inner: Block;
  constructor(rng: Rng) {
    super();
    this.inner = this.registerModule('inner', new Block(rng));
  }
}

describe('Module', () => {
  it('names parameters with dots, own parameters before children, in registration order', () => {
    const m = new Outer(new Rng(0));
    expect(m.namedParameters().map(([n]) => n)).toEqual([
      'inner.scale',
      'inner.proj.weight',
      'inner.proj.bias',
      'inner.norm.weight',
      'inner.norm.bias',
    ]);
    expect(m.namedParameters('model').map(([n]) => n)[0]).toBe('model.inner.scale');
    expect(m.parameters().every((p) => p.requiresGrad)).toBe(true);
    expect(m.numParameters()).toBe(1 + 6 + 2 + 2 + 2);
  });

  it('train()/eval() propagate to every descendant', () => {
    const m = new Outer(new Rng(0));
    m.eval();
    expect(m.namedModules().map(([, x]) => x.training)).toEqual([false, false, false, false, false]);
    m.train();
    expect(m.inner.drop.training).toBe(true);
  });

  it('stateDict copies values; loadStateDict restores them in place', () => {
    const a = new Outer(new Rng(1));
    const b = new Outer(new Rng(2));
    const weight = b.inner.proj.weight;
    expect(Array.from(weight.data)).not.toEqual(Array.from(a.inner.proj.weight.data));
    const state = a.stateDict();
    state['inner.proj.weight'].data[0] = 42;
    expect(a.inner.proj.weight.data[0]).not.toBe(42); // a copy, not a view
    b.loadStateDict(a.stateDict());
    expect(b.inner.proj.weight).toBe(weight);
    expect(Array.from(b.inner.proj.weight.data)).toEqual(Array.from(a.inner.proj.weight.data));
    expect(state['inner.proj.weight'].shape).toEqual([2, 3]);
  });

  it('loadStateDict names missing and unexpected keys and shape mismatches, changing nothing', () => {
    const m = new Outer(new Rng(1));
    const before = Array.from(m.inner.scale.data);
    const state = m.stateDict();
    delete state['inner.norm.bias'];
    expect(() => m.loadStateDict(state)).toThrow(/missing keys: inner\.norm\.bias/);
    const extra = { ...m.stateDict(), 'inner.other': { shape: [1], data: new Float32Array(1) } };
    expect(() => m.loadStateDict(extra)).toThrow(/unexpected keys: inner\.other/);
    const wrong = m.stateDict();
    wrong['inner.scale'].data[0] = 7;
    wrong['inner.proj.weight'] = { shape: [3, 2], data: new Float32Array(6) };
    expect(() => m.loadStateDict(wrong)).toThrow(/shape mismatch for 'inner\.proj\.weight': saved \[3,2\], model \[2,3\]/);
    expect(Array.from(m.inner.scale.data)).toEqual(before);
  });

  it('zeroGrad clears every gradient', () => {
    const m = new Outer(new Rng(1));
    for (const p of m.parameters()) p.grad = tensor(new Float32Array(p.size).fill(1), [...p.shape]);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('refuses duplicate and dotted names', () => {
    class Bad extends Module {
      constructor(name: string, twice: boolean) {
        super();
        this.registerParameter(name, tensor([1], [1]));
        if (twice) this.registerModule(name, new LayerNorm(1));
      }
    }
    expect(() => new Bad('a.b', false)).toThrow(/may not contain/);
    expect(() => new Bad('a', true)).toThrow(/already registered/);
  });
});
