import { describe, expect, it } from 'vitest';
import { arange, full, intTensor, ones, randn, Rng, tensor, Tensor, uniform, zeros } from './index.ts';

describe('Tensor and factories', () => {
  it('stores values row-major with shape, dtype and size', () => {
    const t = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.size).toBe(6);
    expect(t.ndim).toBe(2);
    expect(t.dtype).toBe('float32');
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.toArray()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.isLeaf).toBe(true);
  });

  it('copies the values it is given', () => {
    const values = new Float32Array([1, 2]);
    const t = tensor(values, [2]);
    values[0] = 9;
    expect(t.toArray()).toEqual([1, 2]);
  });

  it('makes int32 tensors and refuses fractions', () => {
    const t = intTensor([1, -2, 3], [3]);
    expect(t.dtype).toBe('int32');
    expect(t.data).toBeInstanceOf(Int32Array);
    expect(() => intTensor([1.5], [1])).toThrow(/not an integer/);
  });

  it('rejects values that do not fill the shape', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow('tensor: 3 values do not fill shape [2,2] (4 elements)');
    expect(() => zeros([2, -1])).toThrow(/invalid shape/);
  });

  it('only lets float32 tensors require grad', () => {
    expect(() => new Tensor(new Int32Array(2), [2], true)).toThrow(/float32/);
  });

  it('builds constants and ranges', () => {
    expect(zeros([2]).toArray()).toEqual([0, 0]);
    expect(ones([1, 2]).toArray()).toEqual([1, 1]);
    expect(full([3], 2.5).toArray()).toEqual([2.5, 2.5, 2.5]);
    expect(full([], 4).item()).toBe(4);
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(4).dtype).toBe('int32');
    expect(arange(2, 'float32').dtype).toBe('float32');
    expect(zeros([2], { requiresGrad: true }).requiresGrad).toBe(true);
  });

  it('draws reproducible random tensors', () => {
    const a = randn([100], new Rng(3)).toArray();
    expect(randn([100], new Rng(3)).toArray()).toEqual(a);
    const mean = a.reduce((p, q) => p + q, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.3);
    const u = uniform([1000], -2, 3, new Rng(4)).toArray();
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u)).toBeLessThan(3);
    expect(Math.min(...u)).toBeLessThan(-1.9);
    expect(Math.max(...u)).toBeGreaterThan(2.9);
  });

  it('item() needs exactly one element', () => {
    expect(tensor([7], [1, 1]).item()).toBe(7);
    expect(() => tensor([1, 2], [2]).item()).toThrow(/2 elements, not 1/);
  });
});
