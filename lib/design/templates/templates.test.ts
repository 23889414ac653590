import { describe, expect, it } from 'vitest';
import { countDesign } from '../../compile/count.ts';
import type { DesignDocument } from '../document.ts';
import { placeEdge } from '../graph.ts';
import { parseDesignDocument } from '../parse.ts';
import { validateDesign } from '../validate.ts';
import { listTemplates, templateDocument } from './index.ts';

function load(name: string): DesignDocument {
  const result = templateDocument(name);
  if (!result.ok) throw new Error(result.message);
  return result.doc;
}

const names = listTemplates().map((t) => t.name);

describe('templates', () => {
  it('lists the paper model, its pre-LN variant, the classifier, the GPT, the forecaster, the LSTM and a tiny version of each', () => {
    expect(names).toEqual([
      'attention-is-all-you-need',
      'pre-ln-transformer',
      'encoder-classifier',
      'decoder-language-model',
      'series-forecaster',
      'lstm-baseline',
      'tiny-transformer',
      'tiny-pre-ln-transformer',
      'tiny-encoder-classifier',
      'tiny-decoder-language-model',
      'tiny-series-forecaster',
      'tiny-lstm-baseline',
    ]);
    for (const t of listTemplates()) {
      expect(t.title.length).toBeGreaterThan(3);
      expect(t.summary).toMatch(/^[A-Z].*\.$/);
      expect(t.summary.split(/\.\s/).length).toBe(1);
    }
  });

  it.each(names)('%s validates with no diagnostics at all', (name) => {
    const result = validateDesign(load(name));
    expect(result.diagnostics).toEqual([]);
  });

  it.each(names)('%s survives a JSON round trip through parseDesignDocument', (name) => {
    const doc = load(name);
    const parsed = parseDesignDocument(JSON.stringify(doc));
    expect(parsed).toEqual({ ok: true, doc });
  });

  it.each(names)('%s is laid out left to right without overlapping nodes', (name) => {
    const doc = load(name);
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    for (const edge of doc.edges) {
      const source = byId.get(edge.source.node)!;
      const target = byId.get(edge.target.node)!;
      // Edges through a block's boundary join a block to its own inside; every other edge runs rightwards.
      if (placeEdge(source, target)?.kind === 'sibling') expect(source.position.x, edge.id).toBeLessThan(target.position.x);
    }
    const seen = new Set<string>();
    for (const node of doc.nodes) {
      const key = `${node.parentId ?? ''}@${node.position.x},${node.position.y}`;
      expect(seen.has(key), `${node.id} overlaps`).toBe(false);
      seen.add(key);
    }
  });

  it('tiny templates are tiny: under 100k parameters, d_model 32–64, at most 2 layers', () => {
    for (const t of listTemplates().filter((x) => x.tiny)) {
      const doc = load(t.name);
      expect(countDesign(doc).total.params, t.name).toBeLessThan(100_000);
      for (const node of doc.nodes) {
        if (node.type === 'token-embedding' || node.type === 'linear') {
          expect(node.params.dModel ?? node.params.outFeatures).toBeGreaterThanOrEqual(32);
          expect(node.params.dModel ?? node.params.outFeatures).toBeLessThanOrEqual(64);
        }
        if (node.type === 'block') expect(node.params.repeat).toBeLessThanOrEqual(2);
      }
    }
  });

  it('the paper model is base-sized, post-LN, sinusoidal, shared and tied, with warm-up', () => {
    const doc = load('attention-is-all-you-need');
    const node = (id: string) => doc.nodes.find((n) => n.id === id)!;
    expect(node('encoder').params).toMatchObject({ kind: 'encoder', repeat: 6 });
    expect(node('decoder').params).toMatchObject({ kind: 'decoder', repeat: 6 });
    expect(node('encoder.selfAttn').params).toMatchObject({ heads: 8, causal: false });
    expect(node('decoder.selfAttn').params).toMatchObject({ causal: true });
    expect(node('encoder.ffn').params).toMatchObject({ dFF: 2048, activation: 'relu' });
    expect(doc.nodes.some((n) => n.type === 'add-norm')).toBe(true);
    expect(node('srcPositions').params.kind).toBe('sinusoidal');
    expect(node('tgtEmbedding').params).toMatchObject({ vocab: 37_000, dModel: 512, sharedWith: 'srcEmbedding' });
    expect(node('head').params).toMatchObject({ tiedTo: 'srcEmbedding' });
    expect(doc.settings.training.warmupSteps).toBe(4000);
  });

  it('the pre-LN variant has no Add & Norm, and ends each stack with a layer norm', () => {
    const doc = load('pre-ln-transformer');
    expect(doc.nodes.some((n) => n.type === 'add-norm')).toBe(false);
    expect(doc.nodes.filter((n) => n.type === 'layer-norm' && n.parentId === undefined).map((n) => n.id)).toEqual(['encoderNorm', 'decoderNorm']);
  });

  it('the GPT template has learned positions, causal self-attention only, and a tied head', () => {
    const doc = load('decoder-language-model');
    expect(doc.nodes.find((n) => n.type === 'positional-encoding')!.params.kind).toBe('learned');
    const attention = doc.nodes.filter((n) => n.type === 'multi-head-attention');
    expect(attention.map((n) => [n.params.mode, n.params.causal])).toEqual([['self', true]]);
    expect(doc.nodes.find((n) => n.type === 'lm-head')!.params.tiedTo).toBe('inputEmbedding');
  });

  it('the forecaster starts from a series and the LSTM baseline has no attention', () => {
    expect(load('series-forecaster').nodes[0].type).toBe('series-input');
    expect(load('lstm-baseline').nodes.some((n) => n.type === 'multi-head-attention')).toBe(false);
  });

  it('each call gives a fresh document; unknown names are refused with the list of known ones', () => {
    const a = load('tiny-transformer');
    a.nodes[0].position.x = 999;
    expect(load('tiny-transformer').nodes[0].position.x).not.toBe(999);
    const missing = templateDocument('gpt-5');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toContain('tiny-transformer');
  });
});
