import { describe, expect, it } from 'vitest';
import { add, gradCheck, linear, matmul, randn, Rng, sum, tensor, type Tensor } from '../index.ts';

const rng = new Rng(17);
const leaf = (shape: number[]) => randn(shape, rng, { requiresGrad: true });

describe('matmul', () => {
  it('multiplies matrices', () => {
    const a = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = tensor([7, 8, 9, 10, 11, 12], [3, 2]);
    // [1,2,3]·[7,9,11] = 58, [1,2,3]·[8,10,12] = 64, [4,5,6]·[7,9,11] = 139, [4,5,6]·[8,10,12] = 154
    expect(matmul(a, b).toArray()).toEqual([58, 64, 139, 154]);
  });

  it('follows torch.matmul for 1-D operands and broadcast batches', () => {
    const v = tensor([1, 2, 3], [3]);
    const m = tensor([1, 0, 0, 1, 1, 1], [3, 2]);
    expect(matmul(v, m).shape).toEqual([2]);
    expect(matmul(v, m).toArray()).toEqual([4, 5]);
    expect(matmul(tensor([1, 2, 3, 4, 5, 6], [2, 3]), v).toArray()).toEqual([14, 32]);
    expect(matmul(v, v).shape).toEqual([]);
    expect(matmul(v, v).item()).toBe(14);
    expect(matmul(randn([2, 1, 4, 3], rng), randn([5, 3, 2], rng)).shape).toEqual([2, 5, 4, 2]);
    expect(matmul(randn([4, 3], rng), randn([5, 3, 2], rng)).shape).toEqual([5, 4, 2]);
  });

  it('agrees with a per-batch product when batches broadcast', () => {
    const a = randn([2, 1, 2, 3], rng);
    const b = randn([3, 3, 2], rng);
    const out = matmul(a, b);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const ai = tensor(Array.from(a.data.subarray(i * 6, i * 6 + 6)), [2, 3]);
        const bj = tensor(Array.from(b.data.subarray(j * 6, j * 6 + 6)), [3, 2]);
        const expected = matmul(ai, bj).toArray();
        const got = Array.from(out.data.subarray((i * 3 + j) * 4, (i * 3 + j) * 4 + 4));
        got.forEach((g, k) => expect(g).toBeCloseTo(expected[k], 5));
      }
    }
  });

  it('reports inner dims that differ', () => {
    expect(() => matmul(randn([2, 3], rng), randn([4, 5], rng))).toThrow('matmul: inner dims differ: [2,3] x [4,5]');
    expect(() => matmul(randn([2, 2, 3], rng), randn([3, 3, 1], rng))).toThrow(/do not broadcast/);
  });

  it('has correct gradients, including broadcast batch dims', () => {
    const cases: [number[], number[]][] = [
      [[3, 4], [4, 2]],
      [[2, 3, 4], [2, 4, 5]],
      [[2, 3, 4], [4, 5]],
      [[3, 4], [2, 4, 5]],
      [[2, 1, 3, 4], [3, 4, 2]],
      [[4], [4, 3]],
      [[2, 3, 4], [4]],
    ];
    for (const [sa, sb] of cases) {
      expect(gradCheck((a, b) => matmul(a, b), [leaf(sa), leaf(sb)]).mismatches, `${sa} x ${sb}`).toEqual([]);
    }
  });
});

describe('linear', () => {
  it('computes x Wᵀ + b', () => {
    const x = tensor([1, 2], [1, 2]);
    const w = tensor([1, 0, 0, 1, 1, 1], [3, 2]);
    const b = tensor([0.5, -0.5, 1], [3]);
    expect(linear(x, w, b).toArray()).toEqual([1.5, 1.5, 4]);
    expect(linear(x, w).toArray()).toEqual([1, 2, 3]);
    expect(linear(tensor([1, 2], [2]), w).shape).toEqual([3]);
  });

  it('adds the bias to every row, for row counts that are not powers of two', () => {
    for (const rows of [1, 2, 3, 5, 7, 12, 33]) {
      const x = randn([rows, 3], rng);
      const w = randn([4, 3], rng);
      const b = randn([4], rng);
      const withBias = linear(x, w, b).toArray();
      const expected = add(linear(x, w), b).toArray();
      expect(withBias.length).toBe(rows * 4);
      for (const [i, v] of expected.entries()) expect(withBias[i]).toBeCloseTo(v, 5);
    }
  });

  it('reports shape mismatches', () => {
    expect(() => linear(randn([2, 3], rng), randn([5, 4], rng))).toThrow('linear: input [2,3] does not end in in_features 4 of weight [5,4]');
    expect(() => linear(randn([2, 4], rng), randn([5, 4], rng), randn([4], rng))).toThrow(/bias \[4\] does not match out_features 5/);
  });

  it('has correct gradients with and without bias', () => {
    expect(gradCheck((x, w, b) => linear(x, w, b), [leaf([2, 3, 4]), leaf([5, 4]), leaf([5])]).mismatches).toEqual([]);
    expect(gradCheck((x, w) => linear(x, w), [leaf([3, 4]), leaf([2, 4])]).mismatches).toEqual([]);
    expect(gradCheck((x, w, b) => linear(x, w, b), [leaf([4]), leaf([3, 4]), leaf([3])]).mismatches).toEqual([]);
  });
});

describe('gradient buffers shared by several products', () => {
  // The first product into a fresh gradient buffer overwrites it; every later one must add.
  it('adds every use of a tensor: both operands of one product, two products, two linears of one input', () => {
    const a = leaf([3, 3]);
    expect(gradCheck((x) => matmul(x, x), [a]).mismatches).toEqual([]);
    expect(gradCheck((x, y) => add(matmul(x, y), matmul(y, x)), [leaf([2, 3, 3]), leaf([2, 3, 3])]).mismatches).toEqual([]);
    expect(gradCheck((x, w, v) => add(linear(x, w), linear(x, v)), [leaf([4, 3]), leaf([5, 3]), leaf([5, 3])]).mismatches).toEqual([]);
    expect(gradCheck((x, w) => add(linear(x, w), linear(w, x)), [leaf([3, 3]), leaf([3, 3])]).mismatches).toEqual([]);
  });

  it('adds a second backward pass into the leaves\' gradients instead of overwriting them', () => {
    const x = leaf([4, 3]);
    const w = leaf([2, 3]);
    const b = leaf([3, 4]);
    const loss = (): Tensor => add(sum(linear(x, w)), sum(matmul(x, b)));
    loss().backward();
    const once = [x, w, b].map((t) => (t.grad as Tensor).toArray());
    loss().backward();
    const twice = [x, w, b].map((t) => (t.grad as Tensor).toArray());
    for (const [i, g] of once.entries()) {
      expect(twice[i].length).toBe(g.length);
      for (const [j, v] of g.entries()) expect(twice[i][j]).toBeCloseTo(2 * v, 5);
    }
  });
});
