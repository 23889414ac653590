import { describe, expect, it } from 'vitest';
import { Rng, add, intTensor, randn, relu, type Tensor } from '../tensor/index.ts';
import { gradCheckModule } from './gradcheck-module.ts';
import { TransformerDecoderLayer } from './transformer-decoder-layer.ts';

describe('TransformerDecoderLayer', () => {
  it('has nn.TransformerDecoderLayer(128, 4, 512)’s 264,576 parameters and state_dict names', () => {
    const layer = new TransformerDecoderLayer(128, 4, { rng: new Rng(0), dimFeedforward: 512 });
    expect(layer.numParameters()).toBe(264_576);
    expect(layer.namedParameters().map(([n]) => n)).toEqual([
      'self_attn.in_proj_weight',
      'self_attn.in_proj_bias',
      'self_attn.out_proj.weight',
      'self_attn.out_proj.bias',
      'multihead_attn.in_proj_weight',
      'multihead_attn.in_proj_bias',
      'multihead_attn.out_proj.weight',
      'multihead_attn.out_proj.bias',
      'linear1.weight',
      'linear1.bias',
      'linear2.weight',
      'linear2.bias',
      'norm1.weight',
      'norm1.bias',
      'norm2.weight',
      'norm2.bias',
      'norm3.weight',
      'norm3.bias',
    ]);
    expect(layer.namedModules().map(([n]) => n).filter((n) => n.startsWith('dropout'))).toEqual([
      'dropout',
      'dropout1',
      'dropout2',
      'dropout3',
    ]);
  });

  it('computes the three post-LN sublayers in PyTorch’s order (and pre-LN likewise)', () => {
    const rng = new Rng(1);
    const tgt = randn([2, 3, 4], rng);
    const memory = randn([2, 5, 4], rng);
    for (const normFirst of [false, true]) {
      const layer = new TransformerDecoderLayer(4, 2, { rng: new Rng(2), dimFeedforward: 8, normFirst }).eval();
      const sa = (x: Tensor): Tensor => layer.selfAttn.forward(x, x, x, { causal: true }).output;
      const ca = (x: Tensor): Tensor => layer.multiheadAttn.forward(x, memory, memory).output;
      const ff = (x: Tensor): Tensor => layer.linear2.forward(relu(layer.linear1.forward(x)));
      let x = tgt;
      if (normFirst) {
        x = add(x, sa(layer.norm1.forward(x)));
        x = add(x, ca(layer.norm2.forward(x)));
        x = add(x, ff(layer.norm3.forward(x)));
      } else {
        x = layer.norm1.forward(add(x, sa(x)));
        x = layer.norm2.forward(add(x, ca(x)));
        x = layer.norm3.forward(add(x, ff(x)));
      }
      expect(layer.forward(tgt, memory).toArray()).toEqual(x.toArray());
    }
  });

  it('masks the future by default, can be told not to, and masks padded memory', () => {
    const rng = new Rng(3);
    const layer = new TransformerDecoderLayer(4, 2, { rng, dimFeedforward: 8 }).eval();
    const tgt = randn([1, 3, 4], rng);
    const memory = randn([1, 2, 4], rng);
    const masked = layer.forwardWithWeights(tgt, memory, { memoryKeyPaddingMask: intTensor([0, 1], [1, 2]) });
    expect(masked.selfAttention.shape).toEqual([1, 2, 3, 3]);
    expect(masked.crossAttention.shape).toEqual([1, 2, 3, 2]);
    expect(masked.selfAttention.data[1]).toBe(0); // query 0, key 1
    for (let r = 0; r < 6; r++) {
      expect(masked.crossAttention.data[r * 2]).toBe(1);
      expect(masked.crossAttention.data[r * 2 + 1]).toBe(0);
    }
    const open = layer.forwardWithWeights(tgt, memory, { tgtIsCausal: false });
    expect(open.selfAttention.data[1]).toBeGreaterThan(0);
  });

  it('a causal decoder’s output at position t does not depend on later target positions', () => {
    const rng = new Rng(4);
    const layer = new TransformerDecoderLayer(4, 2, { rng, dimFeedforward: 8 }).eval();
    const tgt = randn([1, 3, 4], rng);
    const memory = randn([1, 2, 4], rng);
    const changed = randn([1, 3, 4], rng);
    changed.data.set(tgt.data.slice(0, 8)); // same first two positions, different third
    const a = layer.forward(tgt, memory).toArray().slice(0, 8);
    const b = layer.forward(changed, memory).toArray().slice(0, 8);
    expect(b).toEqual(a);
  });

  for (const normFirst of [false, true]) {
    it(`passes a finite-difference gradient check (${normFirst ? 'pre' : 'post'}-LN)`, () => {
      const rng = new Rng(5);
      const layer = new TransformerDecoderLayer(4, 2, { rng, dimFeedforward: 6, normFirst, activation: 'gelu' });
      for (const [name, p] of layer.namedParameters()) {
        if (name.includes('bias') || name.startsWith('norm')) {
          p.data.set(randn([p.size], rng).data.map((v) => (name.endsWith('weight') ? 1 + 0.3 * v : v)));
        }
      }
      const tgt = randn([2, 3, 4], rng, { requiresGrad: true });
      const memory = randn([2, 2, 4], rng, { requiresGrad: true });
      const masks = { memoryKeyPaddingMask: intTensor([0, 0, 0, 1], [2, 2]) };
      const result = gradCheckModule(layer, () => layer.forward(tgt, memory, masks), [tgt, memory], { eps: 1e-3 });
      expect(result.mismatches).toEqual([]);
    });
  }
});
