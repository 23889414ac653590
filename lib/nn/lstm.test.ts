import { describe, expect, it } from 'vitest';
import { Rng, randn, type Tensor } from '../tensor/index.ts';
import { gradCheckModule } from './gradcheck-module.ts';
import { LSTM } from './lstm.ts';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A scalar reference of one LSTM layer, straight from PyTorch's documented equations. */
function referenceLayer(x: number[][][], wIh: Tensor, wHh: Tensor, bIh: Tensor, bHh: Tensor, h0: number[][], c0: number[][]) {
  const hidden = wHh.shape[1];
  const inSize = wIh.shape[1];
  const gate = (k: number, xt: number[], h: number[]): number => {
    let s = bIh.data[k] + bHh.data[k];
    for (let j = 0; j < inSize; j++) s += wIh.data[k * inSize + j] * xt[j];
    for (let j = 0; j < hidden; j++) s += wHh.data[k * hidden + j] * h[j];
    return s;
  };
  const outputs = x.map(() => [] as number[][]);
  const hN: number[][] = [];
  const cN: number[][] = [];
  x.forEach((seq, b) => {
    let h = h0[b];
    let c = c0[b];
    for (const xt of seq) {
      const nh: number[] = [];
      const nc: number[] = [];
      for (let u = 0; u < hidden; u++) {
        const i = sigmoid(gate(u, xt, h));
        const f = sigmoid(gate(hidden + u, xt, h));
        const g = Math.tanh(gate(2 * hidden + u, xt, h));
        const o = sigmoid(gate(3 * hidden + u, xt, h));
        nc.push(f * c[u] + i * g);
        nh.push(o * Math.tanh(nc[u]));
      }
      h = nh;
      c = nc;
      outputs[b].push(h);
    }
    hN.push(h);
    cN.push(c);
  });
  return { outputs, hN, cN };
}

function nested(t: Tensor): number[][][] {
  const [a, b, c] = t.shape;
  return Array.from({ length: a }, (_, i) =>
    Array.from({ length: b }, (_, j) => Array.from(t.data.slice((i * b + j) * c, (i * b + j + 1) * c))),
  );
}

describe('LSTM', () => {
  it('has nn.LSTM(10, 20)’s 2,560 parameters with PyTorch’s names', () => {
    const lstm = new LSTM(10, 20, { rng: new Rng(0) });
    expect(lstm.numParameters()).toBe(2_560);
    expect(lstm.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['weight_ih_l0', [80, 10]],
      ['weight_hh_l0', [80, 20]],
      ['bias_ih_l0', [80]],
      ['bias_hh_l0', [80]],
    ]);
    const two = new LSTM(10, 20, { rng: new Rng(0), numLayers: 2 });
    expect(two.namedParameters().map(([n]) => n).slice(4)).toEqual(['weight_ih_l1', 'weight_hh_l1', 'bias_ih_l1', 'bias_hh_l1']);
    expect(two.numParameters()).toBe(2_560 + 4 * 20 * 20 * 2 + 2 * 80);
  });

  it('initialises every parameter from U(-1/√H, 1/√H)', () => {
    const lstm = new LSTM(3, 16, { rng: new Rng(1) });
    for (const p of lstm.parameters()) {
      expect(Math.max(...Array.from(p.data, Math.abs))).toBeLessThanOrEqual(0.25);
    }
  });

  it('matches the i, f, g, o equations step by step, from a given initial state', () => {
    const rng = new Rng(2);
    const lstm = new LSTM(3, 4, { rng });
    const x = randn([2, 5, 3], rng);
    const h0 = randn([1, 2, 4], rng);
    const c0 = randn([1, 2, 4], rng);
    const { output, h, c } = lstm.forward(x, { h: h0, c: c0 });
    const [wIh, wHh, bIh, bHh] = lstm.parameters();
    const ref = referenceLayer(nested(x), wIh, wHh, bIh, bHh, nested(h0)[0], nested(c0)[0]);
    expect(output.shape).toEqual([2, 5, 4]);
    expect(h.shape).toEqual([1, 2, 4]);
    output.toArray().forEach((v, i) => expect(v).toBeCloseTo(ref.outputs.flat(2)[i], 5));
    h.toArray().forEach((v, i) => expect(v).toBeCloseTo(ref.hN.flat()[i], 5));
    c.toArray().forEach((v, i) => expect(v).toBeCloseTo(ref.cN.flat()[i], 5));
  });

  it('stacks layers: layer 1 runs on layer 0’s outputs', () => {
    const rng = new Rng(3);
    const lstm = new LSTM(3, 4, { rng, numLayers: 2 });
    const x = randn([1, 4, 3], rng);
    const { output, h } = lstm.forward(x);
    const p = lstm.parameters();
    const zeros = [[0, 0, 0, 0]];
    const first = referenceLayer(nested(x), p[0], p[1], p[2], p[3], zeros, zeros);
    const second = referenceLayer(first.outputs, p[4], p[5], p[6], p[7], zeros, zeros);
    output.toArray().forEach((v, i) => expect(v).toBeCloseTo(second.outputs.flat(2)[i], 5));
    expect(h.shape).toEqual([2, 1, 4]);
    h.toArray().slice(0, 4).forEach((v, i) => expect(v).toBeCloseTo(first.hN[0][i], 5));
  });

  it('rejects a state of the wrong shape', () => {
    const lstm = new LSTM(3, 4, { rng: new Rng(0) });
    expect(() => lstm.forward(randn([2, 1, 3], new Rng(0)), { h: randn([1, 1, 4], new Rng(0)) })).toThrow(/state must be \[1,2,4\]/);
  });

  it('passes a finite-difference gradient check (two layers, initial state)', () => {
    const rng = new Rng(4);
    const lstm = new LSTM(2, 3, { rng, numLayers: 2, dropout: 0.5 });
    const x = randn([2, 3, 2], rng, { requiresGrad: true });
    const h0 = randn([2, 2, 3], rng, { requiresGrad: true });
    const c0 = randn([2, 2, 3], rng, { requiresGrad: true });
    const result = gradCheckModule(lstm, () => lstm.forward(x, { h: h0, c: c0 }).output, [x, h0, c0]);
    expect(result.mismatches).toEqual([]);
    const final = gradCheckModule(lstm, () => lstm.forward(x).c, [x]);
    expect(final.mismatches).toEqual([]);
  });
});
