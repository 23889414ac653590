import { describe, expect, it } from 'vitest';
import { template, everyLayerDesign } from '../../compile/testing/designs.ts';
import type { DesignDocument } from '../../design/document.ts';
import { validateDesign } from '../../design/validate.ts';
import { designIO, type DesignIOOutcome } from './design-io.ts';

const ioOf = (doc: DesignDocument): DesignIOOutcome => designIO(doc, validateDesign(doc));

describe('designIO', () => {
  it.each([
    ['tiny-transformer', { inputId: 'srcTokens', targetInputId: 'tgtTokens', headId: 'head', io: { input: { kind: 'tokens', vocab: 16, seqLen: 12 }, output: { kind: 'tokens', vocab: 16 }, seq2seq: true, targetSeqLen: 12 } }],
    ['tiny-pre-ln-transformer', { inputId: 'srcTokens', targetInputId: 'tgtTokens', headId: 'head', io: { input: { kind: 'tokens', vocab: 16, seqLen: 12 }, output: { kind: 'tokens', vocab: 16 }, seq2seq: true, targetSeqLen: 12 } }],
    ['tiny-encoder-classifier', { inputId: 'inputTokens', targetInputId: null, headId: 'head', io: { input: { kind: 'tokens', vocab: 16, seqLen: 16 }, output: { kind: 'classes', count: 2 }, seq2seq: false } }],
    ['tiny-decoder-language-model', { inputId: 'inputTokens', targetInputId: null, headId: 'head', io: { input: { kind: 'tokens', vocab: 64, seqLen: 32 }, output: { kind: 'tokens', vocab: 64 }, seq2seq: false } }],
    ['tiny-series-forecaster', { inputId: 'series', targetInputId: null, headId: 'forecast', io: { input: { kind: 'series', features: 1, seqLen: 32 }, output: { kind: 'regression', horizon: 4, outputs: 1 }, seq2seq: false } }],
    ['tiny-lstm-baseline', { inputId: 'tokens', targetInputId: null, headId: 'head', io: { input: { kind: 'tokens', vocab: 64, seqLen: 32 }, output: { kind: 'tokens', vocab: 64 }, seq2seq: false } }],
  ])('reads %s: its input(s) through the blocks, its head from the inferred shapes', (name, wiring) => {
    expect(ioOf(template(name))).toEqual({ ok: true, wiring });
  });

  it('takes sizes from the document as edited, and the smaller of an encoder–decoder’s two vocabularies', () => {
    const doc = template('tiny-transformer');
    const edit = (id: string, params: Record<string, unknown>) => {
      const node = doc.nodes.find((n) => n.id === id)!;
      node.params = { ...node.params, ...params };
    };
    edit('srcTokens', { seqLen: 9 });
    edit('tgtTokens', { seqLen: 7, vocab: 15 });
    const outcome = ioOf(doc);
    expect(outcome.ok && outcome.wiring.io).toEqual({ input: { kind: 'tokens', vocab: 15, seqLen: 9 }, output: { kind: 'tokens', vocab: 16 }, seq2seq: true, targetSeqLen: 7 });
  });

  it('asks for one head when there are several, and for a head when there is none', () => {
    const several = ioOf(everyLayerDesign());
    expect(several.ok).toBe(false);
    expect(!several.ok && several.problems.map((p) => p.code)).toEqual(['several-heads']);
    expect(!several.ok && several.problems[0].message).toMatch(/5 heads .*'forecast'/);

    const headless = template('tiny-lstm-baseline');
    headless.nodes = headless.nodes.filter((n) => n.id !== 'head' && n.id !== 'probabilities');
    headless.edges = headless.edges.filter((e) => e.target.node !== 'head' && e.target.node !== 'probabilities');
    const none = ioOf(headless);
    expect(!none.ok && none.problems).toEqual([expect.objectContaining({ code: 'no-head', hint: expect.stringContaining('Language-model head') })]);
  });

  it('points at an input that does not lead to the head', () => {
    const doc = template('tiny-lstm-baseline');
    doc.nodes.push({ id: 'stray', type: 'series-input', params: { features: 1, seqLen: 8 }, position: { x: 0, y: 300 } });
    const outcome = ioOf(doc);
    expect(!outcome.ok && outcome.problems).toEqual([expect.objectContaining({ code: 'unused-input', nodeId: 'stray' })]);
  });
});
