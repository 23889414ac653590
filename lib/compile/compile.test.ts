import { describe, expect, it } from 'vitest';
import { listTemplates } from '../design/templates/index.ts';
import { validateDesign } from '../design/validate.ts';
import type { DesignDocument } from '../design/document.ts';
import { noGrad, Rng } from '../tensor/index.ts';
import { compileDesign } from './compile.ts';
import type { CompiledModel } from './compiled-model.ts';
import { countDesign } from './count.ts';
import { sampleBatch } from './sample-batch.ts';
import { everyLayerDesign, nestedBlocksDesign, template } from './testing/designs.ts';

const TINY = listTemplates()
  .filter((t) => t.tiny)
  .map((t) => t.name);

function compiled(doc: DesignDocument): CompiledModel {
  const outcome = compileDesign(doc);
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.model;
}

const designs: [string, () => DesignDocument][] = [
  ...TINY.map((name): [string, () => DesignDocument] => [name, () => template(name)]),
  ['every-layer design', everyLayerDesign],
  ['nested blocks', nestedBlocksDesign],
];

describe('compiled designs', () => {
  it('covers six tiny templates', () => {
    expect(TINY).toHaveLength(6);
  });

  it.each(designs)('%s runs, with the inferred shape on every output of every node', (_name, make) => {
    const doc = make();
    const validation = validateDesign(doc);
    const model = compiled(doc);
    const batch = sampleBatch(doc, model.inputs, doc.settings.batchSize, new Rng(1));
    const { outputs } = noGrad(() => model.forward(batch.tensors));
    for (const node of doc.nodes) {
      const expected = Object.entries(validation.nodes[node.id].outputs).map(([port, s]) => [port, s.shape]);
      const actual = Object.entries(outputs[node.id] ?? {}).map(([port, t]) => [port, [...t.shape]]);
      expect(actual, node.id).toEqual(expected);
    }
  });

  it.each(designs)('%s has, per node and in total, the parameters countDesign counts', (_name, make) => {
    const doc = make();
    const cost = countDesign(doc);
    const model = compiled(doc);
    for (const node of doc.nodes) expect(model.nodeParameters(node.id), node.id).toBe(cost.nodes[node.id].params);
    expect(model.numParameters()).toBe(cost.total.params);
    expect(model.parameters().reduce((n, p) => n + p.size, 0)).toBe(cost.total.params);
  });

  it('a larger template under the caps (series forecaster, 597k) also counts exactly', () => {
    const doc = template('series-forecaster');
    const cost = countDesign(doc);
    const model = compiled(doc);
    expect(model.numParameters()).toBe(597_136);
    for (const node of doc.nodes) expect(model.nodeParameters(node.id), node.id).toBe(cost.nodes[node.id].params);
  });
});

describe('state_dict names', () => {
  it('name top-level nodes, block copies and PyTorch parameter names', () => {
    const keys = Object.keys(compiled(template('tiny-transformer')).stateDict());
    expect(keys).toContain('nodes.srcEmbedding.weight');
    expect(keys).toContain('nodes.encoder.layers.0.selfAttn.in_proj_weight');
    expect(keys).toContain('nodes.encoder.layers.0.selfAttn.out_proj.bias');
    expect(keys).toContain('nodes.decoder.layers.0.crossAttn.in_proj_bias');
    expect(keys).toContain('nodes.decoder.layers.0.ffn.linear2.weight');
    expect(keys).toContain('nodes.decoder.layers.0.addNorm3.weight');
    expect(keys).toContain('nodes.head.bias');
    // The tied matrix is listed once, under its owner; the shared target embedding owns nothing.
    expect(keys).not.toContain('nodes.head.weight');
    expect(keys.some((k) => k.startsWith('nodes.tgtEmbedding'))).toBe(false);
  });

  it('nest through blocks inside blocks, each copy with its own weights', () => {
    const model = compiled(nestedBlocksDesign());
    const keys = Object.keys(model.stateDict());
    expect(keys).toContain('nodes.outer.layers.1.inner.layers.2.selfAttn.in_proj_weight');
    expect(keys).toContain('nodes.outer.layers.0.norm.weight');
    expect(model.instancesOf('inner.selfAttn').map((i) => i.copyPath)).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
    expect(model.instancesOf('inner.selfAttn')[5].path).toBe('nodes.outer.layers.1.inner.layers.2.selfAttn');
    const state = model.stateDict();
    const a = state['nodes.outer.layers.0.inner.layers.0.selfAttn.in_proj_weight'].data;
    const b = state['nodes.outer.layers.1.inner.layers.2.selfAttn.in_proj_weight'].data;
    expect(a).not.toEqual(b);
  });

  it('load back into a model compiled with another seed', () => {
    const doc = template('tiny-lstm-baseline');
    const first = compiled(doc);
    const other = compileDesign(doc, { seed: 99 });
    if (!other.ok) throw new Error(other.message);
    expect(other.model.stateDict()).not.toEqual(first.stateDict());
    other.model.loadStateDict(first.stateDict());
    expect(other.model.stateDict()).toEqual(first.stateDict());
  });
});
