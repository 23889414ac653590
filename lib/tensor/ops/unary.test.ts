import { describe, expect, it } from 'vitest';
import { exp, gradCheck, log, neg, pow, Rng, sqrt, tanh, tensor, uniform, randn } from '../index.ts';

const rng = new Rng(11);
const positive = (n: number) => uniform([n], 0.5, 2, rng, { requiresGrad: true });
const any = (n: number) => randn([n], rng, { requiresGrad: true });

describe('unary math', () => {
  it('computes known values', () => {
    const x = tensor([0, 1, 4], [3]);
    expect(neg(x).toArray()).toEqual([-0, -1, -4]);
    expect(exp(x).toArray()[1]).toBeCloseTo(Math.E, 6);
    expect(log(tensor([1, Math.E], [2])).toArray()[1]).toBeCloseTo(1, 6);
    expect(sqrt(x).toArray()).toEqual([0, 1, 2]);
    expect(tanh(tensor([0.5], [1])).item()).toBeCloseTo(Math.tanh(0.5), 7);
    expect(pow(tensor([3], [1]), 2).item()).toBe(9);
    expect(pow(tensor([8], [1]), 1 / 3).item()).toBeCloseTo(2, 6);
  });

  it('has correct gradients', () => {
    expect(gradCheck(neg, [any(5)]).mismatches).toEqual([]);
    expect(gradCheck(exp, [any(5)]).mismatches).toEqual([]);
    expect(gradCheck(log, [positive(5)]).mismatches).toEqual([]);
    expect(gradCheck(sqrt, [positive(5)]).mismatches).toEqual([]);
    expect(gradCheck(tanh, [any(5)]).mismatches).toEqual([]);
    expect(gradCheck((x) => pow(x, 2), [any(5)]).mismatches).toEqual([]);
    expect(gradCheck((x) => pow(x, 3), [any(5)]).mismatches).toEqual([]);
    expect(gradCheck((x) => pow(x, -0.5), [positive(5)]).mismatches).toEqual([]);
  });

  it('keeps the shape', () => {
    expect(exp(randn([2, 3], rng)).shape).toEqual([2, 3]);
  });
});
