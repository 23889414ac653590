import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../design/builder.ts';
import type { DesignDocument } from '../design/document.ts';
import { Embedding, LearnedPositionalEmbedding, MultiHeadAttention, sinusoidalTable } from '../nn/index.ts';
import { add, intTensor, layerNorm, noGrad, randn, Rng, tensor, type Tensor } from '../tensor/index.ts';
import { compileDesign } from './compile.ts';
import type { CompiledModel } from './compiled-model.ts';
import { countDesign } from './count.ts';
import { sampleBatch } from './sample-batch.ts';
import { everyLayerDesign, nestedBlocksDesign, template } from './testing/designs.ts';
import { SharedEmbedding, TiedLinear } from './tied-layers.ts';

function compiled(doc: DesignDocument, seed?: number): CompiledModel {
  const outcome = compileDesign(doc, { seed });
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.model;
}

function sample(model: CompiledModel, seed = 5, batchSize = model.doc.settings.batchSize): Record<string, Tensor> {
  return sampleBatch(model.doc, model.inputs, batchSize, new Rng(seed)).tensors;
}

function setParam(doc: DesignDocument, nodeId: string, key: string, value: unknown): DesignDocument {
  doc.nodes.find((n) => n.id === nodeId)!.params[key] = value;
  return doc;
}

const values = (t: Tensor) => Array.from(t.data);

describe('weights', () => {
  it('the same seed gives bit-identical weights and outputs; another seed other weights', () => {
    const doc = template('tiny-transformer');
    const [a, b, c] = [compiled(doc, 7), compiled(doc, 7), compiled(doc, 8)];
    expect(b.stateDict()).toEqual(a.stateDict());
    expect(c.stateDict()['nodes.srcEmbedding.weight'].data).not.toEqual(a.stateDict()['nodes.srcEmbedding.weight'].data);
    const batch = sample(a);
    const [outA, outB] = [a, b].map((m) => noGrad(() => m.forward(batch)).outputs);
    for (const id of Object.keys(outA)) {
      for (const port of Object.keys(outA[id])) expect(outB[id][port].data, `${id}.${port}`).toEqual(outA[id][port].data);
    }
  });

  it('a node\'s initial weights depend on the seed and its id only, not on the rest of the design', () => {
    const doc = template('tiny-encoder-classifier');
    const before = compiled(doc).stateDict();
    const b = new DesignBuilder();
    b.node('extra', 'linear', { outFeatures: 4 });
    const grown = structuredClone(doc);
    grown.nodes.unshift({ ...b.build().nodes[0] });
    grown.edges.push({ id: 'extraEdge', source: { node: 'encoder', port: 'out' }, target: { node: 'extra', port: 'in' } });
    const after = compiled(grown).stateDict();
    for (const [name, saved] of Object.entries(before)) expect(after[name].data, name).toEqual(saved.data);
    expect(Object.keys(after)).toContain('nodes.extra.weight');
  });
});

describe('node semantics', () => {
  it('the token embedding multiplies by √d when scaled', () => {
    const model = compiled(template('tiny-transformer'));
    const weight = (model.nodeModule('srcEmbedding') as Embedding).weight;
    const tokens = intTensor(Array(12).fill(3), [1, 12]);
    const out = noGrad(() => model.forward({ srcTokens: tokens, tgtTokens: tokens })).outputs.srcEmbedding.out;
    for (let j = 0; j < 32; j++) expect(out.data[j]).toBeCloseTo(weight.data[3 * 32 + j] * Math.sqrt(32), 5);
  });

  it('a tied head and a shared embedding use the owner\'s very tensor; the head owns only its bias', () => {
    const doc = template('tiny-transformer');
    const model = compiled(doc);
    const owner = (model.nodeModule('srcEmbedding') as Embedding).weight;
    const head = model.nodeModule('head') as TiedLinear;
    const shared = model.nodeModule('tgtEmbedding') as SharedEmbedding;
    expect(head).toBeInstanceOf(TiedLinear);
    expect(head.weight).toBe(owner);
    expect(shared.weight).toBe(owner);
    expect(model.nodeParameters('head')).toBe(16);
    expect(countDesign(doc).nodes.head.params).toBe(16);
    expect(model.parameters().filter((p) => p === owner)).toHaveLength(1);
  });

  it('add & norm is post-LN: LayerNorm(x + sublayer(x))', () => {
    const model = compiled(template('tiny-encoder-classifier'));
    const { outputs } = noGrad(() => model.forward(sample(model)));
    const expected = layerNorm(add(outputs.inputPositions.out, outputs['encoder.selfAttn'].out), null, null);
    const norm = model.nodeModule('encoder.addNorm1')!.parameters();
    expect(norm.map((p) => values(p))).toEqual([Array(32).fill(1), Array(32).fill(0)]);
    const got = values(outputs['encoder.addNorm1'].out);
    values(expected).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
  });

  it('sinusoidal and learned positions add the paper\'s table and the learned rows', () => {
    const ed = compiled(template('tiny-transformer'));
    const edOut = noGrad(() => ed.forward(sample(ed))).outputs;
    const table = sinusoidalTable(12, 32);
    const diff = values(edOut.srcPositions.out).slice(0, 12 * 32).map((v, i) => v - edOut.srcEmbedding.out.data[i]);
    diff.forEach((v, i) => expect(v).toBeCloseTo(table[i], 5));

    const lm = compiled(template('tiny-decoder-language-model'));
    const lmOut = noGrad(() => lm.forward(sample(lm))).outputs;
    const learned = (lm.nodeModule('inputPositions') as LearnedPositionalEmbedding).weight;
    const added = values(lmOut.inputPositions.out).slice(0, 32 * 48).map((v, i) => v - lmOut.inputEmbedding.out.data[i]);
    added.forEach((v, i) => expect(v).toBeCloseTo(learned.data[i], 5));
  });

  it('causal self-attention has exact zeros above the diagonal, in every copy and head', () => {
    const model = compiled(template('tiny-decoder-language-model'));
    const { attention } = noGrad(() => model.forward(sample(model)));
    expect(attention.map((a) => [a.nodeId, a.copy])).toEqual([['decoder.selfAttn', 0], ['decoder.selfAttn', 1]]);
    for (const { weights } of attention) {
      const [batch, heads, steps] = weights.shape;
      for (let b = 0; b < batch; b++) {
        for (let h = 0; h < heads; h++) {
          for (let i = 0; i < steps; i++) {
            const row = Array.from(weights.data.subarray(((b * heads + h) * steps + i) * steps, ((b * heads + h) * steps + i + 1) * steps));
            expect(row.slice(i + 1).every((w) => w === 0)).toBe(true);
            expect(row.slice(0, i + 1).every((w) => w > 0)).toBe(true);
          }
        }
      }
    }
  });

  it('without the causal mask a position attends to later ones', () => {
    const model = compiled(setParam(template('tiny-decoder-language-model'), 'decoder.selfAttn', 'causal', false));
    const { attention } = noGrad(() => model.forward(sample(model)));
    const steps = attention[0].weights.shape[2];
    // Row 0 of sample 0, head 0: every key gets weight.
    expect(Array.from(attention[0].weights.data.subarray(0, steps)).every((w) => w > 0)).toBe(true);
  });

  it('a padding mask gives padded keys exactly zero weight', () => {
    const model = compiled(everyLayerDesign());
    const series = randn([2, 4, 2], new Rng(3));
    const tokens = intTensor([1, 2, 0, 3, 0, 0], [2, 3]);
    const { outputs, attention } = noGrad(() => model.forward({ series, tokens }));
    expect(values(outputs.mask.out)).toEqual([0, 0, 1, 0, 1, 1]);
    const { weights } = attention.find((a) => a.nodeId === 'selfAttn')!;
    const at = (b: number, h: number, t: number, s: number) => weights.data[((b * 2 + h) * 3 + t) * 3 + s];
    for (let h = 0; h < 2; h++) {
      for (let t = 0; t < 3; t++) {
        expect([at(0, h, t, 2), at(1, h, t, 1), at(1, h, t, 2)]).toEqual([0, 0, 0]);
        expect(at(1, h, t, 0)).toBeCloseTo(1, 6);
      }
    }
  });

  it('head merge mean narrows out_proj to [d, d/heads]', () => {
    const doc = setParam(template('tiny-encoder-classifier'), 'encoder.selfAttn', 'headMerge', 'mean');
    const model = compiled(doc);
    const attention = model.nodeModule('encoder.selfAttn') as MultiHeadAttention;
    expect(attention.outProj.weight.shape).toEqual([32, 16]);
    expect(model.stateDict()['nodes.encoder.layers.0.selfAttn.out_proj.weight'].shape).toEqual([32, 16]);
    expect(model.nodeParameters('encoder.selfAttn')).toBe(countDesign(doc).nodes['encoder.selfAttn'].params);
    const concat = compiled(template('tiny-encoder-classifier')).nodeModule('encoder.selfAttn') as MultiHeadAttention;
    expect(concat.outProj.weight.shape).toEqual([32, 32]);
  });

  it('classification heads pool the first position or the mean; the regression head reads the last', () => {
    const model = compiled(everyLayerDesign());
    const batch = { series: randn([2, 4, 2], new Rng(4)), tokens: intTensor([1, 2, 3, 4, 1, 2], [2, 3]) };
    const { outputs } = noGrad(() => model.forward(batch));
    // The logits are the head's Linear applied to position 0 of each example.
    const head = model.nodeModule('classifyFirst')!;
    const [w, b] = head.parameters();
    const row = (x: Tensor, example: number) => Array.from(x.data.subarray(example * 16, example * 16 + 4));
    for (let example = 0; example < 2; example++) {
      const x = row(outputs.stack.out, example);
      for (let c = 0; c < 3; c++) {
        const expected = b.data[c] + x.reduce((s, v, j) => s + v * w.data[c * 4 + j], 0);
        expect(outputs.classifyFirst.out.data[example * 3 + c]).toBeCloseTo(expected, 5);
      }
    }
    expect(outputs.forecast.out.shape).toEqual([2, 3, 2]);
  });
});

describe('forward', () => {
  it('takes any batch size, so a training loop may use its own', () => {
    const model = compiled(template('tiny-series-forecaster'));
    const { outputs } = noGrad(() => model.forward(sample(model, 1, 3)));
    expect(outputs.forecast.out.shape).toEqual([3, 4, 1]);
  });

  it('applies dropout only when training', () => {
    const model = compiled(everyLayerDesign());
    const batch = { series: randn([2, 4, 2], new Rng(4)), tokens: intTensor([1, 2, 3, 4, 1, 2], [2, 3]) };
    const evalA = noGrad(() => model.forward(batch)).outputs.forecast.out.data;
    const evalB = noGrad(() => model.forward(batch, { training: false })).outputs.forecast.out.data;
    const trained = noGrad(() => model.forward(batch, { training: true })).outputs.drop.out.data;
    expect(evalB).toEqual(evalA);
    expect(Array.from(trained).some((v) => v === 0)).toBe(true);
    expect(model.training).toBe(true);
  });

  it('reports every attention copy of nested blocks in execution order', () => {
    const model = compiled(nestedBlocksDesign());
    const { attention } = noGrad(() => model.forward(sample(model)));
    expect(attention.map((a) => a.copy)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(attention[4].copyPath).toEqual([1, 1]);
  });

  it('refuses a batch that does not fit, naming the input', () => {
    const model = compiled(template('tiny-lstm-baseline'));
    expect(() => model.forward({})).toThrow("no tensor for input 'tokens'");
    expect(() => model.forward({ tokens: tensor([1, 2], [1, 2]) })).toThrow("input 'tokens' takes [batch, seq] int32 token ids, got float32 [1, 2]");
    expect(() => model.forward({ tokens: intTensor([1, 64], [1, 2]) })).toThrow("input 'tokens' holds token id 64, outside its vocabulary [0, 64)");
    expect(() => model.forward({ tokens: intTensor([1], [1, 1]), other: intTensor([1], [1, 1]) })).toThrow("'other' is not an input node");
  });

  it('describes its inputs and heads for a training loop', () => {
    const model = compiled(template('tiny-transformer'));
    expect(model.inputs).toEqual([
      { nodeId: 'srcTokens', kind: 'tokens', vocab: 16, seqLen: 12 },
      { nodeId: 'tgtTokens', kind: 'tokens', vocab: 16, seqLen: 12 },
    ]);
    expect(model.heads).toEqual(['head']);
  });
});
