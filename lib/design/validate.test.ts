import { describe, expect, it } from 'vitest';
import { decoderBlockNodes, encoderBlockNodes } from './blocks.ts';
import { DesignBuilder } from './builder.ts';
import { emptyDesignDocument } from './document.ts';
import { buildLargeDesign } from './testing/large-design.ts';
import { validateDesign } from './validate.ts';

/** A small encoder–decoder: source length 10, target length 7, d 32, vocab 100, batch 8. */
function smallTranslator() {
  const b = new DesignBuilder();
  b.node('src', 'token-input', { vocab: 100, seqLen: 10 });
  b.node('srcEmb', 'token-embedding', { vocab: 100, dModel: 32 });
  b.node('srcPe', 'positional-encoding', {});
  b.add(encoderBlockNodes({ id: 'enc', heads: 4, dFF: 64, repeat: 2 }));
  b.node('tgt', 'token-input', { vocab: 100, seqLen: 7 });
  b.node('tgtEmb', 'token-embedding', { vocab: 100, dModel: 32, sharedWith: 'srcEmb' });
  b.node('tgtPe', 'positional-encoding', { kind: 'learned', maxLen: 7 });
  b.add(decoderBlockNodes({ id: 'dec', heads: 4, dFF: 64, repeat: 2, normFirst: true }));
  b.node('decNorm', 'layer-norm');
  b.node('head', 'lm-head', { vocab: 100, tiedTo: 'srcEmb' });
  b.node('probs', 'softmax');
  b.edge('src.out', 'srcEmb.in', 'toSrcEmb');
  b.edge('srcEmb.out', 'srcPe.in');
  b.edge('srcPe.out', 'enc.in', 'toEnc');
  b.edge('tgt.out', 'tgtEmb.in');
  b.edge('tgtEmb.out', 'tgtPe.in');
  b.edge('tgtPe.out', 'dec.in');
  b.edge('enc.out', 'dec.memory', 'memory');
  b.edge('dec.out', 'decNorm.in');
  b.edge('decNorm.out', 'head.in');
  b.edge('head.out', 'probs.in', 'toProbs');
  return b.build();
}

describe('validateDesign: shape inference', () => {
  it('infers every shape of an encoder–decoder by hand-checked dims', () => {
    const result = validateDesign(smallTranslator());
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.edges.toSrcEmb).toEqual({ kind: 'tokens', shape: [8, 10] });
    expect(result.edges.toEnc).toEqual({ kind: 'sequence', shape: [8, 10, 32] });
    expect(result.edges.memory).toEqual({ kind: 'sequence', shape: [8, 10, 32] });
    expect(result.nodes['dec.crossAttn']).toEqual({
      inputs: { in: { kind: 'sequence', shape: [8, 7, 32] }, memory: { kind: 'sequence', shape: [8, 10, 32] } },
      outputs: { out: { kind: 'sequence', shape: [8, 7, 32] } },
    });
    expect(result.nodes.head.outputs.out).toEqual({ kind: 'logits', shape: [8, 7, 100] });
    expect(result.edges.toProbs).toEqual({ kind: 'logits', shape: [8, 7, 100] });
    expect(result.nodes.probs.outputs.out).toEqual({ kind: 'probabilities', shape: [8, 7, 100] });
    // Every edge, including the ones through block boundaries, carries a shape.
    expect(Object.keys(result.edges).sort()).toEqual(smallTranslator().edges.map((e) => e.id).sort());
  });

  it('gives each scope a dependency order for the compiler', () => {
    const { order } = validateDesign(smallTranslator());
    const before = (a: string, b: string, list: string[]) => expect(list.indexOf(a)).toBeLessThan(list.indexOf(b));
    before('src', 'srcEmb', order.root);
    before('enc', 'dec', order.root);
    before('dec', 'head', order.root);
    expect(order.blocks.enc).toEqual(['enc.selfAttn', 'enc.addNorm1', 'enc.ffn', 'enc.addNorm2']);
    expect(order.blocks.dec).toEqual(['dec.norm1', 'dec.selfAttn', 'dec.add1', 'dec.norm2', 'dec.crossAttn', 'dec.add2', 'dec.norm3', 'dec.ffn', 'dec.add3']);
  });

  it('infers series, recurrent, linear and the three heads with the batch from settings', () => {
    const b = new DesignBuilder();
    b.node('series', 'series-input', { features: 3, seqLen: 20 });
    b.node('proj', 'linear', { outFeatures: 16 });
    b.node('gru', 'recurrent', { cell: 'gru', hidden: 24, layers: 2 });
    b.node('forecast', 'regression-head', { horizon: 5, outputs: 2 });
    b.node('classes', 'classification-head', { classes: 3, pooling: 'last' });
    b.node('probs', 'softmax');
    b.edge('series.out', 'proj.in');
    b.edge('proj.out', 'gru.in');
    b.edge('gru.out', 'forecast.in');
    b.edge('gru.out', 'classes.in');
    b.edge('classes.out', 'probs.in');
    b.settings({ batchSize: 4 });
    const result = validateDesign(b.build());
    expect(result.diagnostics).toEqual([]);
    expect(result.nodes.series.outputs.out.shape).toEqual([4, 20, 3]);
    expect(result.nodes.proj.outputs.out.shape).toEqual([4, 20, 16]);
    expect(result.nodes.gru.outputs.out.shape).toEqual([4, 20, 24]);
    expect(result.nodes.forecast.outputs.out).toEqual({ kind: 'regression', shape: [4, 5, 2] });
    expect(result.nodes.classes.outputs.out).toEqual({ kind: 'class-logits', shape: [4, 3] });
    expect(result.nodes.probs.outputs.out).toEqual({ kind: 'probabilities', shape: [4, 3] });
  });

  it('keeps [B, T, d] through mean head merge, padding masks and cross-attention of other lengths', () => {
    const b = new DesignBuilder();
    b.node('q', 'token-input', { vocab: 10, seqLen: 5 });
    b.node('k', 'token-input', { vocab: 10, seqLen: 9 });
    b.node('mask', 'padding-mask');
    b.node('qe', 'token-embedding', { vocab: 10, dModel: 12 });
    b.node('ke', 'token-embedding', { vocab: 10, dModel: 12 });
    b.node('qp', 'positional-encoding');
    b.node('kp', 'positional-encoding');
    b.node('attn', 'multi-head-attention', { mode: 'cross', heads: 3 });
    b.node('head', 'classification-head');
    for (const [from, to] of [['q.out', 'qe.in'], ['k.out', 'ke.in'], ['k.out', 'mask.in'], ['qe.out', 'qp.in'], ['ke.out', 'kp.in'], ['qp.out', 'attn.in'], ['kp.out', 'attn.memory'], ['mask.out', 'attn.padMask'], ['attn.out', 'head.in']]) {
      b.edge(from, to);
    }
    const result = validateDesign(b.build());
    expect(result.diagnostics).toEqual([]);
    expect(result.nodes.mask.outputs.out).toEqual({ kind: 'mask', shape: [8, 9] });
    expect(result.nodes.attn.outputs.out.shape).toEqual([8, 5, 12]);
    expect(result.nodes.head.outputs.out.shape).toEqual([8, 2]);
  });

  it('reports a block\'s inside once per copy and the block\'s own in/out', () => {
    const result = validateDesign(smallTranslator());
    expect(result.nodes.enc).toEqual({
      inputs: { in: { kind: 'sequence', shape: [8, 10, 32] } },
      outputs: { out: { kind: 'sequence', shape: [8, 10, 32] } },
    });
    expect(result.nodes['enc.ffn'].outputs.out.shape).toEqual([8, 10, 32]);
  });

  it('does not cascade: nodes after an error stay silent, and the inside of a broken block is still checked', () => {
    const b = new DesignBuilder();
    b.node('tokens', 'token-input');
    b.node('norm', 'layer-norm'); // tokens cannot be normalised: one error here
    b.node('ffn', 'feed-forward');
    b.node('head', 'lm-head');
    b.add(encoderBlockNodes({ id: 'enc', heads: 3, dFF: 8 }));
    b.node('enc.extra', 'layer-norm', {}, { x: 0, y: 0 }, { parentId: 'enc' });
    b.edge('tokens.out', 'norm.in');
    b.edge('norm.out', 'ffn.in');
    b.edge('ffn.out', 'enc.in');
    b.edge('enc.out', 'head.in');
    const codes = validateDesign(b.build()).diagnostics.map((d) => `${d.code}@${d.nodeId}`);
    expect(codes).toEqual(['incompatible-ports@norm', 'missing-input@enc.extra', 'unused-output@enc.extra']);
  });

  it('is pure: the document is not modified', () => {
    const doc = smallTranslator();
    const copy = structuredClone(doc);
    validateDesign(doc);
    expect(doc).toEqual(copy);
  });

  it('validates a 500-node design with no diagnostics (the benchmark times it)', () => {
    const doc = buildLargeDesign(500);
    expect(doc.nodes).toHaveLength(500);
    const result = validateDesign(doc);
    expect(result.diagnostics).toEqual([]);
    expect(Object.keys(result.nodes)).toHaveLength(500);
    expect(result.nodes.head.outputs.out.shape).toEqual([8, 16, 100]);
  });

  it('buildLargeDesign refuses sizes it cannot make', () => {
    expect(() => buildLargeDesign(3)).toThrow(/at least 4/);
    expect(buildLargeDesign(4).nodes).toHaveLength(4);
    expect(buildLargeDesign(13).nodes).toHaveLength(13);
  });

  it('says a blank canvas is empty, without errors', () => {
    const result = validateDesign(emptyDesignDocument());
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['empty-design']);
  });
});
