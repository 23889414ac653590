import { describe, expect, it } from 'vitest';
import { attachGrad, gradBuffer, tracksGrad } from './autograd.ts';
import { gradCheck } from './gradcheck.ts';
import { matmul, randn, Rng, Tensor } from './index.ts';

/** x² with a backward scaled by `factor` (1 is right). */
function squareWithGrad(x: Tensor, factor: number): Tensor {
  const xd = x.data as Float32Array;
  const out = new Tensor(xd.map((v) => v * v), x.shape);
  if (!tracksGrad(x)) return out;
  return attachGrad(out, 'square', [x], (g) => {
    const gx = gradBuffer(x);
    for (let i = 0; i < g.length; i++) gx[i] += factor * 2 * xd[i] * g[i];
  });
}

/** a·b with the gradient of a computed from a transposed b (a classic bug). */
function matmulTransposedGrad(a: Tensor, b: Tensor): Tensor {
  const out = matmul(a.detach(), b.detach());
  return attachGrad(out, 'bad', [a], (g) => {
    const ga = gradBuffer(a);
    const [m, k] = a.shape;
    const n = b.shape[1];
    for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) ga[i * k + p] += g[i * n + j] * b.data[j * k + p];
  });
}

describe('gradCheck', () => {
  const rng = new Rng(2);

  it('accepts a correct gradient', () => {
    const x = randn([3, 4], rng, { requiresGrad: true });
    expect(gradCheck((t) => squareWithGrad(t, 1), [x]).mismatches).toEqual([]);
  });

  it('rejects a gradient off by a factor of 2', () => {
    const x = randn([3, 4], rng, { requiresGrad: true });
    expect(gradCheck((t) => squareWithGrad(t, 2), [x]).ok).toBe(false);
    expect(gradCheck((t) => squareWithGrad(t, 0.5), [x]).ok).toBe(false);
  });

  it('rejects a gradient with the wrong sign', () => {
    const x = randn([3, 4], rng, { requiresGrad: true });
    const result = gradCheck((t) => squareWithGrad(t, -1), [x]);
    expect(result.ok).toBe(false);
    expect(result.mismatches[0]).toMatch(/input 0 \[3,4\] element \d+: autograd/);
  });

  it('rejects a transposed gradient', () => {
    const a = randn([3, 3], rng, { requiresGrad: true });
    const b = randn([3, 3], rng);
    expect(gradCheck((t) => matmulTransposedGrad(t, b), [a]).ok).toBe(false);
  });

  it('leaves inputs and their grads as it found them', () => {
    const x = randn([2, 2], rng, { requiresGrad: true });
    const before = x.toArray();
    gradCheck((t) => squareWithGrad(t, 1), [x]);
    expect(x.toArray()).toEqual(before);
    expect(x.grad).toBeNull();
  });
});
