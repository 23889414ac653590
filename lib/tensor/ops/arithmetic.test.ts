import { describe, expect, it } from 'vitest';
import { add, div, gradCheck, intTensor, mul, randn, Rng, sub, sum, tensor, uniform } from '../index.ts';

const rng = new Rng(10);
const leaf = (shape: number[]) => randn(shape, rng, { requiresGrad: true });
/** Values away from zero, for divisors. */
const awayFromZero = (shape: number[]) => {
  const t = uniform(shape, 0.5, 2, rng);
  const d = t.data as Float32Array;
  for (let i = 0; i < d.length; i += 2) d[i] = -d[i];
  t.requiresGrad = true;
  return t;
};

describe('add, sub, mul, div', () => {
  it('compute elementwise values with broadcasting', () => {
    const a = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(add(a, tensor([10, 20, 30], [3])).toArray()).toEqual([11, 22, 33, 14, 25, 36]);
    expect(sub(a, tensor([1, 2], [2, 1])).toArray()).toEqual([0, 1, 2, 2, 3, 4]);
    expect(mul(a, 2).toArray()).toEqual([2, 4, 6, 8, 10, 12]);
    expect(div(a, 2).toArray()).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    expect(sub(1, tensor([0.25], [1])).toArray()).toEqual([0.75]);
    const outer = mul(tensor([1, 2], [2, 1]), tensor([3, 4, 5], [1, 3]));
    expect(outer.shape).toEqual([2, 3]);
    expect(outer.toArray()).toEqual([3, 4, 5, 6, 8, 10]);
  });

  it('promote int32 operands to float32', () => {
    const r = add(intTensor([1, 2], [2]), 0.5);
    expect(r.dtype).toBe('float32');
    expect(r.toArray()).toEqual([1.5, 2.5]);
  });

  it('report incompatible shapes', () => {
    expect(() => add(tensor([1, 2, 3], [3]), tensor([1, 2], [2]))).toThrow('add: shapes [3] and [2] do not broadcast');
  });

  for (const [name, op] of [['add', add], ['sub', sub], ['mul', mul]] as const) {
    it(`${name}: gradients for same shapes, last-dim vectors, columns, scalars and middle broadcasts`, () => {
      const cases: [number[], number[]][] = [[[3, 4], [3, 4]], [[2, 3, 4], [4]], [[3, 4], [3, 1]], [[3, 4], []], [[2, 1, 4], [1, 3, 1]], [[4], [2, 3, 4]]];
      for (const [sa, sb] of cases) {
        const r = gradCheck((a, b) => op(a, b), [leaf(sa), leaf(sb)]);
        expect(r.mismatches, `${sa} ${sb}`).toEqual([]);
      }
      expect(gradCheck((a) => op(a, 1.5), [leaf([3])]).mismatches).toEqual([]);
      expect(gradCheck((a) => op(0.5, a), [leaf([3])]).mismatches).toEqual([]);
    });
  }

  it('div: gradients for numerator and (broadcast) denominator', () => {
    expect(gradCheck((a, b) => div(a, b), [leaf([3, 4]), awayFromZero([3, 4])]).mismatches).toEqual([]);
    expect(gradCheck((a, b) => div(a, b), [leaf([2, 3, 4]), awayFromZero([3, 1])]).mismatches).toEqual([]);
    expect(gradCheck((b) => div(2, b), [awayFromZero([5])]).mismatches).toEqual([]);
  });

  it('gradient of x + x and x · x counts both uses', () => {
    const x = tensor([1, 2], [2], { requiresGrad: true });
    sum(add(x, x)).backward();
    expect(x.grad!.toArray()).toEqual([2, 2]);
    x.zeroGrad();
    sum(mul(x, x)).backward();
    expect(x.grad!.toArray()).toEqual([2, 4]);
  });

  it('only the operand that requires grad receives one', () => {
    const a = leaf([2, 2]);
    const b = randn([2], rng);
    sum(mul(a, b)).backward();
    expect(a.grad!.shape).toEqual([2, 2]);
    expect(b.grad).toBeNull();
  });
});
