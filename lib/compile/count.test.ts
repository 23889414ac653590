import { describe, expect, it } from 'vitest';
import { decoderBlockNodes, encoderBlockNodes } from '../design/blocks.ts';
import { DesignBuilder } from '../design/builder.ts';
import { templateDocument } from '../design/templates/index.ts';
import { validateDesign } from '../design/validate.ts';
import {
  countDesign,
  feedForwardParams,
  layerNormParams,
  linearFlops,
  linearParams,
  multiHeadAttentionParams,
  recurrentParams,
} from './count.ts';

/** tokens → embedding d → sinusoidal positions, then `body` wires from 'pe.out' to 'head.in'. */
function around(d: number, body: (b: DesignBuilder) => void, vocab = 10) {
  const b = new DesignBuilder();
  b.node('tokens', 'token-input', { vocab, seqLen: 6 });
  b.node('emb', 'token-embedding', { vocab, dModel: d });
  b.node('pe', 'positional-encoding');
  b.node('head', 'classification-head', { classes: 2 });
  b.edge('tokens.out', 'emb.in');
  b.edge('emb.out', 'pe.in');
  body(b);
  return b.build();
}

function block(part: ReturnType<typeof encoderBlockNodes>, memory = false) {
  const doc = around(128, (b) => {
    b.add(part);
    b.edge('pe.out', `${part.nodes[0].id}.in`);
    if (memory) b.edge('pe.out', `${part.nodes[0].id}.memory`);
    b.edge(`${part.nodes[0].id}.out`, 'head.in');
  });
  return countDesign(doc).nodes[part.nodes[0].id];
}

describe('parameter counts match PyTorch', () => {
  it('standard layers', () => {
    expect(multiHeadAttentionParams(128, 4)).toBe(4 * 128 * 128 + 4 * 128);
    expect(multiHeadAttentionParams(512, 8)).toBe(1_050_624);
    expect(multiHeadAttentionParams(128, 4, { bias: false })).toBe(4 * 128 * 128);
    // Averaged heads: out_proj maps d/heads → d.
    expect(multiHeadAttentionParams(128, 4, { headMerge: 'mean' })).toBe(3 * 128 * 128 + 3 * 128 + 32 * 128 + 128);
    expect(recurrentParams('lstm', 10, 20)).toBe(2560);
    expect(recurrentParams('gru', 10, 20)).toBe(1920);
    expect(recurrentParams('lstm', 10, 20, 2)).toBe(2560 + 4 * 20 * 40 + 160);
    expect(layerNormParams(128)).toBe(256);
    expect(linearParams(10, 3)).toBe(33);
    expect(linearParams(10, 3, false)).toBe(30);
    expect(feedForwardParams(128, 512)).toBe(131_712);
  });

  it('encoder block d=128, h=4, dFF=512 has 198,272 parameters, post-LN or pre-LN', () => {
    expect(block(encoderBlockNodes({ id: 'enc', heads: 4, dFF: 512 })).params).toBe(198_272);
    expect(block(encoderBlockNodes({ id: 'enc', heads: 4, dFF: 512, normFirst: true })).params).toBe(198_272);
  });

  it('decoder block 128/4/512 has 264,576 parameters', () => {
    expect(block(decoderBlockNodes({ id: 'dec', heads: 4, dFF: 512 }), true).params).toBe(264_576);
  });

  it('a block counts every copy: repeat 6 is six times the parameters and FLOPs', () => {
    const one = block(encoderBlockNodes({ id: 'enc', heads: 4, dFF: 512 }));
    const six = block(encoderBlockNodes({ id: 'enc', heads: 4, dFF: 512, repeat: 6 }));
    expect(six).toEqual({ params: 6 * one.params, flops: 6 * one.flops, repeat: 6 });
  });

  it('embedding V·d, learned positions maxLen·d, a tied head only its bias, a shared embedding nothing', () => {
    const doc = around(
      16,
      (b) => {
        b.node('learned', 'positional-encoding', { kind: 'learned', maxLen: 64 });
        b.node('other', 'token-input', { vocab: 10, seqLen: 6 });
        b.node('shared', 'token-embedding', { vocab: 10, dModel: 16, sharedWith: 'emb' });
        b.node('lm', 'lm-head', { vocab: 10, tiedTo: 'emb' });
        b.node('lmUntied', 'lm-head', { vocab: 10 });
        b.edge('pe.out', 'learned.in');
        b.edge('learned.out', 'head.in');
        b.edge('other.out', 'shared.in');
        b.edge('shared.out', 'lm.in');
        b.edge('learned.out', 'lmUntied.in');
      },
      10,
    );
    const { nodes, total, uncounted } = countDesign(doc);
    expect(validateDesign(doc).ok).toBe(true);
    expect(nodes.emb.params).toBe(10 * 16);
    expect(nodes.pe.params).toBe(0);
    expect(nodes.learned.params).toBe(64 * 16);
    expect(nodes.shared.params).toBe(0);
    expect(nodes.lm.params).toBe(10);
    expect(nodes.lmUntied.params).toBe(16 * 10 + 10);
    expect(nodes.head.params).toBe(16 * 2 + 2);
    expect(uncounted).toEqual([]);
    expect(total.params).toBe(160 + 1024 + 10 + 170 + 34);
  });

  it('the paper\'s base encoder–decoder has about 63M parameters', () => {
    const result = templateDocument('attention-is-all-you-need');
    if (!result.ok) throw new Error(result.message);
    const { total, nodes } = countDesign(result.doc);
    // 37000·512 shared embedding + 6 × 3,152,384 encoder + 6 × 4,204,032 decoder + 37000 output bias.
    expect(nodes.encoder.params).toBe(6 * 3_152_384);
    expect(nodes.decoder.params).toBe(6 * 4_204_032);
    expect(total.params).toBe(63_119_496);
  });
});

describe('FLOPs per forward pass', () => {
  it('a Linear on [B, T, in] costs 2·B·T·in·out + B·T·out', () => {
    const b = new DesignBuilder();
    b.node('series', 'series-input', { features: 3, seqLen: 5 });
    b.node('proj', 'linear', { outFeatures: 7 });
    b.node('head', 'regression-head');
    b.edge('series.out', 'proj.in');
    b.edge('proj.out', 'head.in');
    b.settings({ batchSize: 2 });
    const { nodes } = countDesign(b.build());
    expect(nodes.proj.flops).toBe(2 * 2 * 5 * 3 * 7 + 2 * 5 * 7);
    expect(nodes.proj.flops).toBe(linearFlops(10, 3, 7));
    // The regression head reads one position per example.
    expect(nodes.head.flops).toBe(linearFlops(2, 7, 1));
  });

  it('self-attention counts projections, scores, softmax and the weighted sum', () => {
    const [batch, seq, d, heads] = [8, 6, 16, 2];
    const doc = around(d, (b) => {
      b.node('attn', 'multi-head-attention', { heads });
      b.edge('pe.out', 'attn.in');
      b.edge('attn.out', 'head.in');
    });
    const expected =
      linearFlops(batch * seq, d, 3 * d) + batch * seq * d + 2 * 2 * batch * seq * seq * d + 3 * batch * heads * seq * seq + linearFlops(batch * seq, d, d);
    expect(countDesign(doc).nodes.attn.flops).toBe(expected);
  });

  it('the paper\'s model costs tens of GFLOPs for a batch of 8 × 64 tokens, dominated by 2·params per token', () => {
    const result = templateDocument('attention-is-all-you-need');
    if (!result.ok) throw new Error(result.message);
    const { total } = countDesign(result.doc);
    const tokens = 8 * 64;
    expect(total.flops).toBeGreaterThan(2 * (total.params - 37_000 * 512) * tokens);
    expect(total.flops).toBeLessThan(4 * total.params * tokens);
  });
});

describe('countDesign on broken designs', () => {
  it('leaves out nodes whose shapes are unknown and says which', () => {
    const b = new DesignBuilder();
    b.node('norm', 'layer-norm');
    b.node('ffn', 'feed-forward');
    b.node('head', 'classification-head');
    b.edge('norm.out', 'ffn.in');
    b.edge('ffn.out', 'head.in');
    const cost = countDesign(b.build());
    expect(cost.uncounted.sort()).toEqual(['ffn', 'head', 'norm']);
    expect(cost.total).toEqual({ params: 0, flops: 0 });
  });
});
