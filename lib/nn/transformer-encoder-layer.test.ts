import { describe, expect, it } from 'vitest';
import { Rng, add, intTensor, randn, relu, type Tensor } from '../tensor/index.ts';
import { gradCheckModule } from './gradcheck-module.ts';
import { TransformerEncoderLayer } from './transformer-encoder-layer.ts';

function randomiseNorms(layer: TransformerEncoderLayer, rng: Rng): void {
  // LayerNorm starts at weight 1 / bias 0; random values make the check see their gradients.
  for (const [name, p] of layer.namedParameters()) {
    if (name.startsWith('norm') || name.endsWith('in_proj_bias') || name.endsWith('out_proj.bias')) {
      p.data.set(randn([p.size], rng).data.map((v) => (name.endsWith('weight') ? 1 + 0.3 * v : v)));
    }
  }
}

describe('TransformerEncoderLayer', () => {
  it('has nn.TransformerEncoderLayer(128, 4, 512)’s 198,272 parameters and state_dict names', () => {
    const layer = new TransformerEncoderLayer(128, 4, { rng: new Rng(0), dimFeedforward: 512 });
    expect(layer.numParameters()).toBe(198_272);
    expect(layer.namedParameters().map(([n]) => n)).toEqual([
      'self_attn.in_proj_weight',
      'self_attn.in_proj_bias',
      'self_attn.out_proj.weight',
      'self_attn.out_proj.bias',
      'linear1.weight',
      'linear1.bias',
      'linear2.weight',
      'linear2.bias',
      'norm1.weight',
      'norm1.bias',
      'norm2.weight',
      'norm2.bias',
    ]);
    expect(layer.namedModules().map(([n]) => n)).toEqual([
      '',
      'self_attn',
      'self_attn.out_proj',
      'linear1',
      'dropout',
      'linear2',
      'norm1',
      'norm2',
      'dropout1',
      'dropout2',
    ]);
  });

  it('defaults to PyTorch’s dim_feedforward 2048, dropout 0.1, relu, post-LN', () => {
    const layer = new TransformerEncoderLayer(8, 2, { rng: new Rng(0) });
    expect(layer.linear1.outFeatures).toBe(2048);
    expect(layer.dropout.p).toBe(0.1);
    expect(layer.activation).toBe('relu');
    expect(layer.normFirst).toBe(false);
  });

  it('post-LN is norm2(x + ff(x)) with x = norm1(src + sa(src)); pre-LN is src + sa(norm1(src)) + …', () => {
    const rng = new Rng(1);
    const src = randn([2, 3, 4], rng);
    for (const normFirst of [false, true]) {
      const layer = new TransformerEncoderLayer(4, 2, { rng: new Rng(2), dimFeedforward: 8, normFirst }).eval();
      const sa = (x: Tensor): Tensor => layer.selfAttn.forward(x).output;
      const ff = (x: Tensor): Tensor => layer.linear2.forward(relu(layer.linear1.forward(x)));
      let expected: Tensor;
      if (normFirst) {
        const x = add(src, sa(layer.norm1.forward(src)));
        expected = add(x, ff(layer.norm2.forward(x)));
      } else {
        const x = layer.norm1.forward(add(src, sa(src)));
        expected = layer.norm2.forward(add(x, ff(x)));
      }
      expect(layer.forward(src).toArray()).toEqual(expected.toArray());
    }
  });

  it('returns the self-attention weights and honours the masks', () => {
    const rng = new Rng(3);
    const layer = new TransformerEncoderLayer(4, 2, { rng, dimFeedforward: 8 }).eval();
    const src = randn([1, 3, 4], rng);
    const { selfAttention } = layer.forwardWithWeights(src, {
      isCausal: true,
      srcKeyPaddingMask: intTensor([0, 1, 0], [1, 3]),
    });
    expect(selfAttention.shape).toEqual([1, 2, 3, 3]);
    // Row t = 2 of head 0: key 1 padded, nothing in the future.
    expect(selfAttention.data[2 * 3 + 1]).toBe(0);
    expect(selfAttention.data[0 * 3 + 1]).toBe(0);
    expect(selfAttention.data[0 * 3 + 2]).toBe(0);
  });

  it('is stochastic in training (dropout) and deterministic in eval', () => {
    const rng = new Rng(4);
    const layer = new TransformerEncoderLayer(4, 2, { rng, dimFeedforward: 8, dropout: 0.5 });
    const src = randn([1, 3, 4], rng);
    expect(layer.forward(src).toArray()).not.toEqual(layer.forward(src).toArray());
    layer.eval();
    expect(layer.forward(src).toArray()).toEqual(layer.forward(src).toArray());
  });

  for (const normFirst of [false, true]) {
    for (const activation of ['relu', 'gelu'] as const) {
      it(`passes a finite-difference gradient check (${normFirst ? 'pre' : 'post'}-LN, ${activation})`, () => {
        const rng = new Rng(6);
        const layer = new TransformerEncoderLayer(4, 2, { rng, dimFeedforward: 6, normFirst, activation });
        randomiseNorms(layer, rng);
        const src = randn([2, 3, 4], rng, { requiresGrad: true });
        const pad = intTensor([0, 0, 1, 0, 0, 0], [2, 3]);
        if (activation === 'relu') {
          // Finite differences are meaningless across ReLU's kink: keep every pre-activation clear of 0.
          layer.eval();
          const sa = (x: Tensor): Tensor => layer.selfAttn.forward(x, x, x, { keyPaddingMask: pad }).output;
          const ffInput = normFirst
            ? layer.norm2.forward(add(src, sa(layer.norm1.forward(src))))
            : layer.norm1.forward(add(src, sa(src)));
          const preActivations = layer.linear1.forward(ffInput).toArray();
          expect(Math.min(...preActivations.map(Math.abs))).toBeGreaterThan(0.01);
        }
        const result = gradCheckModule(layer, () => layer.forward(src, { srcKeyPaddingMask: pad }), [src], { eps: 1e-3 });
        expect(result.mismatches).toEqual([]);
      });
    }
  }
});
