import { describe, expect, it } from 'vitest';
import { encoderBlockNodes } from '../blocks.ts';
import { DesignBuilder } from '../builder.ts';
import type { DesignDocument } from '../document.ts';
import { parseDesignDocument } from '../parse.ts';
import { sampleDesign } from '../testing/sample-design.ts';
import { templateDocument } from '../templates/index.ts';
import { validateDesign } from '../validate.ts';
import { applyOp, DesignOp, invertOp } from './index.ts';

/**
 * Applies op, checks purity, that the result still loads, and that the
 * inverse restores the original exactly (and re-inverting redoes the op).
 */
const covered = new Set<string>();

function roundTrip(doc: DesignDocument, op: DesignOp): DesignDocument {
  covered.add(op.type);
  const before = structuredClone(doc);
  const result = applyOp(doc, op);
  if (!result.ok) throw new Error(`${op.type} refused: ${result.message}`);
  expect(doc).toStrictEqual(before);
  expect(parseDesignDocument(JSON.parse(JSON.stringify(result.doc)))).toStrictEqual({ ok: true, doc: result.doc });
  expect(DesignOp.safeParse(JSON.parse(JSON.stringify(result.inverse))).success).toBe(true);
  const back = applyOp(result.doc, result.inverse);
  if (!back.ok) throw new Error(`inverse of ${op.type} refused: ${back.message}`);
  expect(back.doc).toStrictEqual(before);
  const redo = applyOp(back.doc, back.inverse);
  if (!redo.ok) throw new Error(`redo of ${op.type} refused: ${redo.message}`);
  expect(redo.doc).toStrictEqual(result.doc);
  expect(invertOp(doc, op)).toStrictEqual({ ok: true, op: result.inverse });
  return result.doc;
}

const node = (doc: DesignDocument, id: string) => doc.nodes.find((n) => n.id === id)!;
/** Validation errors, as code@node; the sample design has one on purpose (spare's free input). */
const errors = (doc: DesignDocument) => validateDesign(doc).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.nodeId}`);
const SAMPLE_ERRORS = ['missing-input@spare'];
const edge = (doc: DesignDocument, id: string) => doc.edges.find((e) => e.id === id)!;

describe('every op round-trips through its inverse', () => {
  it('starts from a sample whose only error is the spare layer\'s free input', () => {
    expect(errors(sampleDesign())).toEqual(SAMPLE_ERRORS);
  });

  it('addNode, at the top level and inside a block, with defaults filled in', () => {
    const doc = roundTrip(sampleDesign(), { type: 'addNode', node: { id: 'ln', type: 'layer-norm', position: { x: 1, y: 2 }, params: {} } });
    expect(node(doc, 'ln')).toStrictEqual({ id: 'ln', type: 'layer-norm', params: { eps: 1e-5 }, position: { x: 1, y: 2 } });
    const inside = roundTrip(sampleDesign(), {
      type: 'addNode',
      node: { id: 'enc.extra', type: 'dropout', params: { p: 0.3 }, position: { x: 0, y: 0 }, parentId: 'enc', label: 'More dropout' },
    });
    expect(node(inside, 'enc.extra')).toMatchObject({ parentId: 'enc', label: 'More dropout', params: { p: 0.3 } });
  });

  it('addNodes: a whole block with its inside, wired to the design', () => {
    const part = encoderBlockNodes({ id: 'enc2', heads: 2, dFF: 16 });
    const doc = roundTrip(sampleDesign(), {
      type: 'addNodes',
      nodes: part.nodes,
      edges: [...part.edges, { id: 'to-enc2', source: { node: 'pe', port: 'out' }, target: { node: 'enc2', port: 'in' } }],
    });
    expect(doc.nodes.filter((n) => n.parentId === 'enc2')).toHaveLength(4);
  });

  it('addNodes with a settings patch (a template): one undo removes the nodes and puts the old settings back', () => {
    const template = templateDocument('tiny-transformer');
    if (!template.ok) throw new Error(template.message);
    const blank = new DesignBuilder().build();
    const doc = roundTrip(blank, { type: 'addNodes', nodes: template.doc.nodes, edges: template.doc.edges, settings: template.doc.settings });
    expect(doc.settings).toStrictEqual(template.doc.settings);
    expect(doc.settings).not.toStrictEqual(blank.settings);
    const result = applyOp(blank, { type: 'addNodes', nodes: template.doc.nodes, edges: template.doc.edges, settings: { batchSize: 4 } });
    expect(result.ok && result.inverse).toStrictEqual({ type: 'removeNodes', ids: template.doc.nodes.map((n) => n.id), settings: { batchSize: 8 } });
    // Settings alone (no nodes) undo with a setSettings.
    expect(applyOp(blank, { type: 'addNodes', nodes: [], edges: [], settings: { seed: 3 } })).toMatchObject({ ok: true, inverse: { type: 'setSettings', settings: { seed: 0 } } });
    roundTrip(blank, { type: 'addNodes', nodes: [], edges: [], settings: { seed: 3 } });
  });

  it('removeNodes with a settings patch puts both back in one undo', () => {
    const doc = roundTrip(sampleDesign(), { type: 'removeNodes', ids: ['spare'], settings: { training: { steps: 50 } } });
    expect(doc.settings.training.steps).toBe(50);
  });

  it('removeNodes takes children and edges along and puts them back in their places', () => {
    const doc = roundTrip(sampleDesign(), { type: 'removeNodes', ids: ['enc'] });
    expect(doc.nodes.some((n) => n.id.startsWith('enc'))).toBe(false);
    expect(doc.edges.some((e) => e.id === 'e-memory' || e.id === 'e-enc')).toBe(false);
    roundTrip(sampleDesign(), { type: 'removeNodes', ids: ['emb', 'dec.ffn', 'probs'] });
  });

  it('moveNodes, including the same node twice', () => {
    const doc = roundTrip(sampleDesign(), {
      type: 'moveNodes',
      moves: [
        { id: 'emb', position: { x: 5, y: 5 } },
        { id: 'enc.ffn', position: { x: 7, y: 7 } },
        { id: 'emb', position: { x: 9.5, y: -3 } },
      ],
    });
    expect(node(doc, 'emb').position).toStrictEqual({ x: 9.5, y: -3 });
  });

  it('setParams changes only the given params', () => {
    const doc = roundTrip(sampleDesign(), { type: 'setParams', id: 'enc.selfAttn', params: { heads: 4, headMerge: 'mean' } });
    expect(node(doc, 'enc.selfAttn').params).toMatchObject({ heads: 4, headMerge: 'mean', causal: false });
    roundTrip(sampleDesign(), { type: 'setParams', id: 'dec', params: { kind: 'custom' } });
  });

  it('connect and disconnect (restored at its index)', () => {
    const doc = roundTrip(sampleDesign(), { type: 'connect', edge: { id: 'new', source: { node: 'pe', port: 'out' }, target: { node: 'spare', port: 'in' } } });
    expect(edge(doc, 'new').target).toStrictEqual({ node: 'spare', port: 'in' });
    roundTrip(sampleDesign(), { type: 'disconnect', id: 'e-memory' });
    roundTrip(sampleDesign(), { type: 'disconnect', id: 'e-tokens' });
  });

  it('renameNode sets and clears a label', () => {
    expect(node(roundTrip(sampleDesign(), { type: 'renameNode', id: 'emb', label: 'Shared embedding' }), 'emb').label).toBe('Shared embedding');
    expect(node(roundTrip(sampleDesign(), { type: 'renameNode', id: 'spare', label: null }), 'spare')).not.toHaveProperty('label');
  });

  it('groupIntoBlock routes the crossing edges through the new block\'s ports', () => {
    const doc = roundTrip(sampleDesign(), { type: 'groupIntoBlock', blockId: 'out', nodeIds: ['head', 'probs'], label: 'Output' });
    expect(node(doc, 'head')).toMatchObject({ parentId: 'out', position: { x: 40, y: 60 } });
    expect(node(doc, 'out')).toMatchObject({ type: 'block', label: 'Output', params: { kind: 'custom', repeat: 1 }, position: { x: 2860, y: 340 } });
    expect(edge(doc, 'e-head').source).toStrictEqual({ node: 'out', port: 'in' });
    expect(edge(doc, 'out.in')).toMatchObject({ source: { node: 'dec', port: 'out' }, target: { node: 'out', port: 'in' } });
    // The block comes before its children in the array, as canvas libraries expect.
    expect(doc.nodes.findIndex((n) => n.id === 'out')).toBeLessThan(doc.nodes.findIndex((n) => n.id === 'head'));
    expect(errors(doc)).toEqual(SAMPLE_ERRORS);
  });

  it('groupIntoBlock sends a cross-attention source through memory', () => {
    const doc = roundTrip(sampleDesign(), { type: 'groupIntoBlock', blockId: 'wrap', nodeIds: ['dec'] });
    expect(edge(doc, 'wrap.memory').source).toStrictEqual({ node: 'enc', port: 'out' });
    expect(edge(doc, 'e-memory').source).toStrictEqual({ node: 'wrap', port: 'memory' });
    expect(errors(doc)).toEqual(SAMPLE_ERRORS);
  });

  it('groupIntoBlock inside a block, leaving through the outer block\'s out', () => {
    const doc = roundTrip(sampleDesign(), { type: 'groupIntoBlock', blockId: 'enc.ff', nodeIds: ['enc.ffn', 'enc.addNorm2'], kind: 'custom' });
    expect(node(doc, 'enc.ff').parentId).toBe('enc');
    expect(edge(doc, 'enc.ff.out').target).toStrictEqual({ node: 'enc.ff', port: 'out' });
    expect(errors(doc)).toEqual(SAMPLE_ERRORS);
  });

  it('ungroup flattens one copy of a block and restoreBlock puts it back exactly', () => {
    const doc = roundTrip(sampleDesign(), { type: 'ungroup', id: 'enc' });
    expect(node(doc, 'enc.selfAttn')).not.toHaveProperty('parentId');
    expect(node(doc, 'enc.selfAttn').position).toStrictEqual({ x: 760, y: 60 });
    expect(edge(doc, 'enc.e1').source).toStrictEqual({ node: 'pe', port: 'out' });
    expect(edge(doc, 'e-memory').source).toStrictEqual({ node: 'enc.addNorm2', port: 'out' });
    expect(errors(doc)).toEqual(SAMPLE_ERRORS);
    roundTrip(sampleDesign(), { type: 'ungroup', id: 'dec' });
  });

  it('ungroup of a half-built block drops edges that lead nowhere, and undo restores them', () => {
    const start = applyOp(sampleDesign(), { type: 'disconnect', id: 'e-enc' });
    if (!start.ok) throw new Error(start.message);
    const doc = roundTrip(start.doc, { type: 'ungroup', id: 'enc' });
    expect(doc.edges.some((e) => e.id === 'enc.e1')).toBe(false);
  });

  it('restoreBlock, as the inverse of ungroup, itself round-trips', () => {
    const ungrouped = applyOp(sampleDesign(), { type: 'ungroup', id: 'dec' });
    if (!ungrouped.ok) throw new Error(ungrouped.message);
    expect(ungrouped.inverse.type).toBe('restoreBlock');
    roundTrip(ungrouped.doc, ungrouped.inverse);
  });

  it('setBlockRepeat and setBlockCollapsed', () => {
    expect(node(roundTrip(sampleDesign(), { type: 'setBlockRepeat', id: 'enc', repeat: 6 }), 'enc').params.repeat).toBe(6);
    expect(node(roundTrip(sampleDesign(), { type: 'setBlockCollapsed', id: 'dec', collapsed: true }), 'dec').params.collapsed).toBe(true);
  });

  it('setSettings, top level and training', () => {
    const doc = roundTrip(sampleDesign(), { type: 'setSettings', settings: { batchSize: 2, training: { warmupSteps: 100, enabled: false } } });
    expect(doc.settings).toMatchObject({ batchSize: 2, seed: 0, training: { warmupSteps: 100, enabled: false, optimizer: 'adam' } });
  });

  it('comments: add, reply, resolve, delete, delete a reply', () => {
    const comment = { id: 'c3', nodeId: 'enc', author: 'grace', text: 'Six layers?', at: '2025-01-02T09:00:00Z', resolved: false, replies: [] };
    expect(roundTrip(sampleDesign(), { type: 'addComment', comment }).comments).toHaveLength(3);
    const reply = { id: 'r2', author: 'ada', text: 'Try two.', at: '2025-01-02T09:01:00Z' };
    expect(roundTrip(sampleDesign(), { type: 'replyComment', commentId: 'c1', reply }).comments[0].replies).toHaveLength(2);
    expect(roundTrip(sampleDesign(), { type: 'resolveComment', id: 'c1', resolved: true }).comments[0].resolved).toBe(true);
    expect(roundTrip(sampleDesign(), { type: 'deleteComment', id: 'c1' }).comments.map((c) => c.id)).toEqual(['c2']);
    expect(roundTrip(sampleDesign(), { type: 'deleteReply', commentId: 'c1', replyId: 'r1' }).comments[0].replies).toEqual([]);
  });

  it('undo restores a comment on a node deleted since', () => {
    const removed = applyOp(sampleDesign(), { type: 'deleteComment', id: 'c1' });
    if (!removed.ok) throw new Error(removed.message);
    const gone = applyOp(removed.doc, { type: 'removeNodes', ids: ['emb'] });
    if (!gone.ok) throw new Error(gone.message);
    const restored = applyOp(gone.doc, removed.inverse);
    expect(restored.ok && restored.doc.comments[0].nodeId).toBe('emb');
  });

  it('a long edit session undone op by op returns to the start', () => {
    let doc = sampleDesign();
    const start = structuredClone(doc);
    const undo: DesignOp[] = [];
    const ops: DesignOp[] = [
      { type: 'addNode', node: { id: 'drop', type: 'dropout', position: { x: 0, y: 800 } } },
      { type: 'connect', edge: { id: 'x1', source: { node: 'pe', port: 'out' }, target: { node: 'drop', port: 'in' } } },
      { type: 'groupIntoBlock', blockId: 'g', nodeIds: ['drop', 'spare'] },
      { type: 'setBlockRepeat', id: 'g', repeat: 3 },
      { type: 'removeNodes', ids: ['tgt'] },
      { type: 'ungroup', id: 'enc' },
      { type: 'setParams', id: 'head', params: { bias: false } },
      { type: 'moveNodes', moves: [{ id: 'g', position: { x: 3, y: 4 } }] },
    ];
    for (const op of ops) {
      const result = applyOp(doc, op);
      if (!result.ok) throw new Error(`${op.type}: ${result.message}`);
      undo.unshift(result.inverse);
      doc = result.doc;
    }
    for (const op of undo) {
      const result = applyOp(doc, op);
      if (!result.ok) throw new Error(`undo ${op.type}: ${result.message}`);
      doc = result.doc;
    }
    expect(doc).toStrictEqual(start);
  });

  it('works on a document built from scratch by ops alone', () => {
    let doc = new DesignBuilder().build();
    const ops: DesignOp[] = [
      { type: 'addNode', node: { id: 't', type: 'token-input', position: { x: 0, y: 0 } } },
      { type: 'addNode', node: { id: 'e', type: 'token-embedding', position: { x: 240, y: 0 } } },
      { type: 'connect', edge: { id: 'a', source: { node: 't', port: 'out' }, target: { node: 'e', port: 'in' } } },
    ];
    for (const op of ops) doc = roundTrip(doc, op);
    expect(validateDesign(doc).diagnostics.map((d) => d.code)).toEqual(['no-output-head', 'unused-output']);
  });

  it('covered every op type of the DesignOp union (runs last)', () => {
    const all = DesignOp.options.map((o) => o.shape.type.value);
    expect([...covered].sort()).toEqual([...all].sort());
  });
});
