import { describe, expect, it } from 'vitest';
import { Rng, randn, type Tensor } from '../tensor/index.ts';
import { gradCheckModule } from './gradcheck-module.ts';
import { GRU } from './gru.ts';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A scalar reference of one GRU layer from PyTorch's documented equations (gate order r, z, n). */
function referenceLayer(x: number[][][], wIh: Tensor, wHh: Tensor, bIh: Tensor, bHh: Tensor, h0: number[][]) {
  const hidden = wHh.shape[1];
  const inSize = wIh.shape[1];
  const dotIh = (k: number, xt: number[]): number => {
    let s = bIh.data[k];
    for (let j = 0; j < inSize; j++) s += wIh.data[k * inSize + j] * xt[j];
    return s;
  };
  const dotHh = (k: number, h: number[]): number => {
    let s = bHh.data[k];
    for (let j = 0; j < hidden; j++) s += wHh.data[k * hidden + j] * h[j];
    return s;
  };
  return x.map((seq, b) => {
    let h = h0[b];
    const out: number[][] = [];
    for (const xt of seq) {
      const next: number[] = [];
      for (let u = 0; u < hidden; u++) {
        const r = sigmoid(dotIh(u, xt) + dotHh(u, h));
        const z = sigmoid(dotIh(hidden + u, xt) + dotHh(hidden + u, h));
        const n = Math.tanh(dotIh(2 * hidden + u, xt) + r * dotHh(2 * hidden + u, h));
        next.push((1 - z) * n + z * h[u]);
      }
      h = next;
      out.push(h);
    }
    return out;
  });
}

function nested(t: Tensor): number[][][] {
  const [a, b, c] = t.shape;
  return Array.from({ length: a }, (_, i) =>
    Array.from({ length: b }, (_, j) => Array.from(t.data.slice((i * b + j) * c, (i * b + j + 1) * c))),
  );
}

describe('GRU', () => {
  it('has nn.GRU(10, 20)’s 1,920 parameters with PyTorch’s names', () => {
    const gru = new GRU(10, 20, { rng: new Rng(0) });
    expect(gru.numParameters()).toBe(1_920);
    expect(gru.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['weight_ih_l0', [60, 10]],
      ['weight_hh_l0', [60, 20]],
      ['bias_ih_l0', [60]],
      ['bias_hh_l0', [60]],
    ]);
    expect(new GRU(10, 20, { rng: new Rng(0), bias: false }).numParameters()).toBe(1_800);
  });

  it('matches the r, z, n equations (reset gate inside the hidden product)', () => {
    const rng = new Rng(2);
    const gru = new GRU(3, 4, { rng });
    const x = randn([2, 5, 3], rng);
    const h0 = randn([1, 2, 4], rng);
    const { output, h } = gru.forward(x, h0);
    const [wIh, wHh, bIh, bHh] = gru.parameters();
    const ref = referenceLayer(nested(x), wIh, wHh, bIh, bHh, nested(h0)[0]);
    expect(output.shape).toEqual([2, 5, 4]);
    output.toArray().forEach((v, i) => expect(v).toBeCloseTo(ref.flat(2)[i], 5));
    expect(h.toArray()).toEqual([...output.toArray().slice(16, 20), ...output.toArray().slice(36, 40)]);
  });

  it('passes a finite-difference gradient check (two layers, initial state)', () => {
    const rng = new Rng(4);
    const gru = new GRU(2, 3, { rng, numLayers: 2 });
    const x = randn([2, 3, 2], rng, { requiresGrad: true });
    const h0 = randn([2, 2, 3], rng, { requiresGrad: true });
    const result = gradCheckModule(gru, () => gru.forward(x, h0).output, [x, h0]);
    expect(result.mismatches).toEqual([]);
  });
});
