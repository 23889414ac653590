import { describe, expect, it } from 'vitest';
import { Rng, intTensor, randn, sum, tensor, type Tensor } from '../tensor/index.ts';
import { gradCheckModule } from './gradcheck-module.ts';
import { MultiHeadAttention } from './multi-head-attention.ts';

function rowSums(weights: Tensor): number[] {
  const s = weights.shape[weights.ndim - 1];
  const out: number[] = [];
  for (let r = 0; r < weights.size / s; r++) {
    let total = 0;
    for (let j = 0; j < s; j++) total += weights.data[r * s + j];
    out.push(total);
  }
  return out;
}

/** in_proj = [I; I; I], zero biases, out_proj = I: q = k = v = x and the output is the merged context. */
function identityAttention(d: number, heads: number): MultiHeadAttention {
  const mha = new MultiHeadAttention(d, heads, { rng: new Rng(0) });
  const w = mha.inProjWeight.data;
  w.fill(0);
  for (let block = 0; block < 3; block++) for (let i = 0; i < d; i++) w[(block * d + i) * d + i] = 1;
  const o = mha.outProj.weight.data;
  o.fill(0);
  for (let i = 0; i < d; i++) o[i * d + i] = 1;
  return mha;
}

describe('MultiHeadAttention', () => {
  it('has nn.MultiheadAttention(128, 4)’s 66,048 parameters and state_dict names', () => {
    const mha = new MultiHeadAttention(128, 4, { rng: new Rng(0) });
    expect(mha.numParameters()).toBe(66_048);
    expect(mha.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['in_proj_weight', [384, 128]],
      ['in_proj_bias', [384]],
      ['out_proj.weight', [128, 128]],
      ['out_proj.bias', [128]],
    ]);
    expect(new MultiHeadAttention(128, 4, { rng: new Rng(0), bias: false }).numParameters()).toBe(4 * 128 * 128);
  });

  it('initialises like PyTorch: xavier in_proj, zero biases, Linear-init out_proj', () => {
    const d = 32;
    const mha = new MultiHeadAttention(d, 4, { rng: new Rng(1) });
    const xavier = Math.sqrt(6 / (d + 3 * d));
    const maxAbs = (t: Tensor): number => Math.max(...Array.from(t.data, Math.abs));
    expect(maxAbs(mha.inProjWeight)).toBeLessThanOrEqual(xavier);
    expect(maxAbs(mha.inProjWeight)).toBeGreaterThan(0.95 * xavier);
    expect(maxAbs(mha.outProj.weight)).toBeLessThanOrEqual(1 / Math.sqrt(d));
    expect(maxAbs(mha.inProjBias!)).toBe(0);
    expect(maxAbs(mha.outProj.bias!)).toBe(0);
  });

  it('single head with identity weights: hand-checked softmax(x xᵀ/√d) x', () => {
    // x = [[1, 0], [0, 1]]: scores = I/√2, so row 0 weights = softmax([a, 0]) with a = 1/√2,
    // and output row 0 = w00·[1, 0] + w01·[0, 1] = [w00, w01].
    const mha = identityAttention(2, 1);
    const x = tensor([1, 0, 0, 1], [1, 2, 2]);
    const { output, weights } = mha.forward(x);
    const a = 1 / Math.sqrt(2);
    const w00 = Math.exp(a) / (Math.exp(a) + 1);
    const w01 = 1 / (Math.exp(a) + 1);
    const expected = [w00, w01, w01, w00];
    weights.toArray().forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    output.toArray().forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    expect(weights.shape).toEqual([1, 1, 2, 2]);
  });

  it('causal mask: exactly zero weight on future positions, rows sum to 1', () => {
    const rng = new Rng(2);
    const mha = new MultiHeadAttention(8, 2, { rng });
    const x = randn([2, 5, 8], rng);
    const { weights } = mha.forward(x, x, x, { causal: true });
    expect(weights.shape).toEqual([2, 2, 5, 5]);
    const w = weights.data;
    for (let r = 0; r < 2 * 2; r++) {
      for (let t = 0; t < 5; t++) {
        for (let s = 0; s < 5; s++) {
          const v = w[(r * 5 + t) * 5 + s];
          if (s > t) expect(v).toBe(0);
          else expect(v).toBeGreaterThan(0);
        }
      }
    }
    rowSums(weights).forEach((s) => expect(s).toBeCloseTo(1, 6));
    // Position 0 sees only itself.
    expect(w[0]).toBeCloseTo(1, 6);
  });

  it('key padding mask: padded keys get zero weight and do not change the result', () => {
    const rng = new Rng(3);
    const mha = new MultiHeadAttention(6, 3, { rng });
    const q = randn([1, 2, 6], rng);
    const kv = randn([1, 4, 6], rng);
    const padded = mha.forward(q, kv, kv, { keyPaddingMask: intTensor([0, 0, 1, 1], [1, 4]) });
    for (let r = 0; r < 3 * 2; r++) {
      expect(padded.weights.data[r * 4 + 2]).toBe(0);
      expect(padded.weights.data[r * 4 + 3]).toBe(0);
    }
    rowSums(padded.weights).forEach((s) => expect(s).toBeCloseTo(1, 6));
    // Same as attending to the two real keys only.
    const truncated = tensor(Array.from(kv.data.slice(0, 12)), [1, 2, 6]);
    const short = mha.forward(q, truncated, truncated);
    padded.output.toArray().forEach((v, i) => expect(v).toBeCloseTo(short.output.data[i], 5));
  });

  it('a float attnMask is added to the scores (−∞ masks, as PyTorch)', () => {
    const rng = new Rng(4);
    const mha = new MultiHeadAttention(4, 2, { rng });
    const x = randn([1, 3, 4], rng);
    const additive = tensor([0, -Infinity, -Infinity, 0, 0, -Infinity, 0, 0, 0], [3, 3]);
    const viaFloat = mha.forward(x, x, x, { attnMask: additive });
    const viaCausal = mha.forward(x, x, x, { causal: true });
    expect(viaFloat.weights.toArray()).toEqual(viaCausal.weights.toArray());
    const boolMask = intTensor([0, 1, 1, 0, 0, 1, 0, 0, 0], [3, 3]);
    expect(mha.forward(x, x, x, { attnMask: boolMask }).output.toArray()).toEqual(viaCausal.output.toArray());
  });

  it('rejects masks of the wrong shape', () => {
    const mha = new MultiHeadAttention(4, 2, { rng: new Rng(0) });
    const x = randn([2, 3, 4], new Rng(0));
    expect(() => mha.forward(x, x, x, { keyPaddingMask: intTensor([0, 0, 0], [1, 3]) })).toThrow(/keyPaddingMask must be \[2,3\]/);
    expect(() => mha.forward(x, x, x, { attnMask: intTensor([0, 0], [1, 2]) })).toThrow(/attnMask must be/);
  });

  it('head merge mean: heads averaged to width d/heads, out_proj [d, d/heads]', () => {
    const d = 4;
    const mean = new MultiHeadAttention(d, 2, { rng: new Rng(0), headMerge: 'mean' });
    expect(mean.outProj.weight.shape).toEqual([d, d / 2]);
    expect(mean.outProj.inFeatures).toBe(d / 2);
    expect(mean.numParameters()).toBe(3 * d * d + 3 * d + d * (d / 2) + d);
    // With q = k = v = x, out_proj picking the 2-wide mean: output[:2] = (head0 + head1) / 2,
    // where concat gives [head0, head1].
    const concat = identityAttention(d, 2);
    mean.inProjWeight.data.set(concat.inProjWeight.data);
    mean.outProj.weight.data.set([1, 0, 0, 1, 0, 0, 0, 0]);
    const x = randn([2, 3, d], new Rng(5));
    const c = concat.forward(x).output.data;
    const m = mean.forward(x).output;
    expect(m.shape).toEqual([2, 3, d]);
    for (let r = 0; r < 6; r++) {
      expect(m.data[r * d]).toBeCloseTo((c[r * d] + c[r * d + 2]) / 2, 6);
      expect(m.data[r * d + 1]).toBeCloseTo((c[r * d + 1] + c[r * d + 3]) / 2, 6);
      expect(m.data[r * d + 2]).toBe(0);
    }
  });

  it('applies dropout to the attention weights only in training', () => {
    const rng = new Rng(6);
    const mha = new MultiHeadAttention(4, 1, { rng, dropout: 0.5 });
    const x = randn([1, 6, 4], rng);
    const trained = mha.forward(x).weights.toArray();
    expect(trained.some((v) => v === 0)).toBe(true);
    mha.eval();
    rowSums(mha.forward(x).weights).forEach((s) => expect(s).toBeCloseTo(1, 6));
  });

  it('rejects an embed dim not divisible by the heads, and mismatched inputs', () => {
    expect(() => new MultiHeadAttention(6, 4, { rng: new Rng(0) })).toThrow(/divisible/);
    const mha = new MultiHeadAttention(4, 2, { rng: new Rng(0) });
    expect(() => mha.forward(randn([1, 2, 4], new Rng(0)), randn([2, 2, 4], new Rng(0)))).toThrow(/disagree/);
  });

  describe('gradient checks', () => {
    const rng = new Rng(7);
    const x = randn([2, 3, 4], rng, { requiresGrad: true });
    const memory = randn([2, 4, 4], rng, { requiresGrad: true });
    const value = randn([2, 4, 4], rng, { requiresGrad: true });
    // Biases start at zero; random ones make the check exercise their gradients fully.
    const attention = (options: { headMerge?: 'concat' | 'mean'; bias?: boolean } = {}): MultiHeadAttention => {
      const mha = new MultiHeadAttention(4, 2, { rng: new Rng(8), ...options });
      for (const p of mha.parameters()) if (p.ndim === 1) p.data.set(randn([p.size], rng).data);
      return mha;
    };
    const check = (mha: MultiHeadAttention, forward: () => Tensor, inputs: Tensor[]): void => {
      expect(gradCheckModule(mha, forward, inputs).mismatches).toEqual([]);
    };

    it('self-attention', () => {
      const mha = attention();
      check(mha, () => mha.forward(x).output, [x]);
    });
    it('cross-attention with key = value and with separate key and value', () => {
      const mha = attention();
      check(mha, () => mha.forward(x, memory, memory).output, [x, memory]);
      check(mha, () => mha.forward(x, memory, value).output, [x, memory, value]);
    });
    it('causal self-attention, also through the returned weights', () => {
      const mha = attention();
      check(mha, () => mha.forward(x, x, x, { causal: true }).output, [x]);
      check(mha, () => mha.forward(x, x, x, { causal: true }).weights, [x]);
    });
    it('key padding', () => {
      const mha = attention();
      const pad = intTensor([0, 0, 0, 1, 0, 1, 1, 1], [2, 4]);
      check(mha, () => mha.forward(x, memory, memory, { keyPaddingMask: pad }).output, [x, memory]);
    });
    it('mean head merge and no biases', () => {
      const mean = attention({ headMerge: 'mean' });
      check(mean, () => mean.forward(x).output, [x]);
      const plain = attention({ bias: false });
      check(plain, () => plain.forward(x, memory, memory).output, [x, memory]);
    });
    it('sends gradient to every parameter', () => {
      const mha = attention();
      sum(mha.forward(x, memory, memory).output).backward();
      for (const [name, p] of mha.namedParameters()) {
        expect(p.grad, name).not.toBeNull();
        expect(p.grad!.toArray().some((v) => v !== 0), name).toBe(true);
      }
      mha.zeroGrad();
      x.zeroGrad();
      memory.zeroGrad();
    });
  });
});
