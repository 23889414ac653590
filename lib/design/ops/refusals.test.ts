import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../builder.ts';
import type { DesignDocument } from '../document.ts';
import { buildLargeDesign } from '../testing/large-design.ts';
import { sampleDesign } from '../testing/sample-design.ts';
import { applyOp, invertOp, parseDesignOp, type DesignOp, type OpRefusalCode } from './index.ts';

/** Applies an op that must be refused with `code`, checking the document is untouched. */
function refused(op: DesignOp, code: OpRefusalCode, doc: DesignDocument = sampleDesign()): string {
  const before = structuredClone(doc);
  const result = applyOp(doc, op);
  expect(result).toMatchObject({ ok: false, code });
  expect(doc).toStrictEqual(before);
  expect(invertOp(doc, op)).toMatchObject({ ok: false, code });
  return result.ok ? '' : result.message;
}

const link = (id: string, from: string, fromPort: string, to: string, toPort: string): DesignOp => ({
  type: 'connect',
  edge: { id, source: { node: from, port: fromPort }, target: { node: to, port: toPort } },
});

describe('parseDesignOp', () => {
  it('accepts a well-formed op and refuses malformed ones with the field named', () => {
    expect(parseDesignOp({ type: 'disconnect', id: 'e1' })).toEqual({ ok: true, op: { type: 'disconnect', id: 'e1' } });
    expect(parseDesignOp({ type: 'explode' })).toMatchObject({ ok: false, code: 'bad-op' });
    expect(parseDesignOp({ type: 'moveNodes', moves: [{ id: 'a', position: { x: 'left', y: 0 } }] })).toMatchObject({
      ok: false,
      code: 'bad-op',
      message: expect.stringContaining('moves.0.position.x'),
    });
    expect(parseDesignOp({ type: 'setBlockRepeat', id: 'b', repeat: 49 })).toMatchObject({ ok: false, code: 'bad-op' });
    expect(parseDesignOp({ type: 'renameNode', id: 'b', label: 'x'.repeat(81) })).toMatchObject({ ok: false, code: 'bad-op' });
  });
});

describe('applyOp refuses, leaving the document unchanged', () => {
  it('unknown nodes, edges, comments, ports and node types', () => {
    expect(refused({ type: 'moveNodes', moves: [{ id: 'ghost', position: { x: 0, y: 0 } }] }, 'unknown-node')).toContain("'ghost'");
    refused({ type: 'removeNodes', ids: ['emb', 'ghost'] }, 'unknown-node');
    refused({ type: 'setParams', id: 'ghost', params: {} }, 'unknown-node');
    refused({ type: 'renameNode', id: 'ghost', label: 'x' }, 'unknown-node');
    refused(link('x', 'ghost', 'out', 'spare', 'in'), 'unknown-node');
    refused({ type: 'addComment', comment: { id: 'c9', nodeId: 'ghost', author: 'a', text: 't', at: '', resolved: false, replies: [] } }, 'unknown-node');
    refused({ type: 'disconnect', id: 'ghost' }, 'unknown-edge');
    refused({ type: 'resolveComment', id: 'ghost', resolved: true }, 'unknown-comment');
    refused({ type: 'deleteReply', commentId: 'c1', replyId: 'ghost' }, 'unknown-comment');
    refused({ type: 'deleteComment', id: 'ghost' }, 'unknown-comment');
    refused(link('x', 'pe', 'out', 'spare', 'nope'), 'unknown-port');
    expect(refused({ type: 'addNode', node: { id: 'n', type: 'warp-drive', position: { x: 0, y: 0 } } }, 'unknown-node-type')).toContain('warp-drive');
  });

  it('duplicate ids', () => {
    refused({ type: 'addNode', node: { id: 'emb', type: 'layer-norm', position: { x: 0, y: 0 } } }, 'duplicate-id');
    refused({ type: 'addNodes', nodes: [{ id: 'a', type: 'dropout', position: { x: 0, y: 0 } }, { id: 'a', type: 'dropout', position: { x: 0, y: 0 } }], edges: [] }, 'duplicate-id');
    refused(link('e-tokens', 'pe', 'out', 'spare', 'in'), 'duplicate-id');
    refused({ type: 'groupIntoBlock', blockId: 'emb', nodeIds: ['spare'] }, 'duplicate-id');
    refused({ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['spare2'], edgeIds: { in: 'e-tokens' } }, 'duplicate-id');
    refused({ type: 'addComment', comment: { id: 'c1', nodeId: null, author: 'a', text: 't', at: '', resolved: false, replies: [] } }, 'duplicate-id');
    refused({ type: 'replyComment', commentId: 'c1', reply: { id: 'r1', author: 'a', text: 't', at: '' } }, 'duplicate-id');
  });

  it('params out of range, checked by the catalog schema, and bad settings', () => {
    expect(refused({ type: 'setParams', id: 'enc.selfAttn', params: { heads: 0 } }, 'bad-params')).toMatch(/heads/);
    refused({ type: 'setParams', id: 'enc.ffn', params: { activation: 'tanh' } }, 'bad-params');
    refused({ type: 'setParams', id: 'emb', params: { colour: 'red' } }, 'bad-params');
    refused({ type: 'addNode', node: { id: 'n', type: 'multi-head-attention', params: { heads: 999 }, position: { x: 0, y: 0 } } }, 'bad-params');
    refused({ type: 'setBlockRepeat', id: 'enc', repeat: 0 }, 'bad-params');
    refused({ type: 'setSettings', settings: { batchSize: 0 } }, 'bad-settings');
    refused({ type: 'setSettings', settings: { training: { learningRate: -1 } } }, 'bad-settings');
    // A bad settings patch refuses the whole addNodes or removeNodes: no node is added or removed.
    refused({ type: 'addNodes', nodes: [{ id: 'fresh', type: 'dropout', position: { x: 0, y: 0 } }], edges: [], settings: { batchSize: 0 } }, 'bad-settings');
    refused({ type: 'removeNodes', ids: ['spare'], settings: { training: { steps: 0 } } }, 'bad-settings');
  });

  it('a param change that would strand an edge', () => {
    expect(refused({ type: 'setParams', id: 'dec.crossAttn', params: { mode: 'self' } }, 'port-in-use')).toContain("'memory'");
    refused({ type: 'setParams', id: 'dec', params: { kind: 'encoder' } }, 'port-in-use');
  });

  it('block ops on things that are not blocks, and bad parents', () => {
    refused({ type: 'ungroup', id: 'emb' }, 'not-a-block');
    refused({ type: 'setBlockRepeat', id: 'emb', repeat: 2 }, 'not-a-block');
    refused({ type: 'setBlockCollapsed', id: 'emb', collapsed: true }, 'not-a-block');
    refused({ type: 'addNode', node: { id: 'n', type: 'dropout', position: { x: 0, y: 0 }, parentId: 'emb' } }, 'unknown-parent');
    refused({ type: 'addNode', node: { id: 'n', type: 'dropout', position: { x: 0, y: 0 }, parentId: 'nowhere' } }, 'unknown-parent');
    const nested: DesignOp = {
      type: 'addNodes',
      nodes: Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, type: 'block', position: { x: 0, y: 0 }, ...(i > 0 ? { parentId: `b${i - 1}` } : {}) })),
      edges: [],
    };
    refused(nested, 'block-too-deep');
  });

  it('groups a block cannot hold', () => {
    expect(refused({ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['emb', 'enc.ffn'] }, 'bad-group')).toMatch(/same block/);
    refused({ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['emb', 'emb'] }, 'bad-group');
    expect(refused({ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['pe', 'tpe'] }, 'bad-group')).toMatch(/one output/);
    // Residual and sublayer are two streams, and neither is a memory.
    expect(refused({ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['enc.addNorm1'] }, 'bad-group')).toMatch(/one input stream/);
    // A block's in takes a sequence; token ids cannot enter it.
    refused({ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['emb'] }, 'incompatible-ports');
    refused({ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['dec'], kind: 'encoder' }, 'bad-group');
  });

  it('edges between ports that do not fit', () => {
    expect(refused(link('x', 'tokens', 'out', 'enc.selfAttn', 'in'), 'cross-scope')).toMatch(/different blocks/);
    expect(refused(link('x', 'emb', 'in', 'spare', 'in'), 'input-to-input')).toMatch(/both inputs/);
    expect(refused(link('x', 'emb', 'out', 'pe', 'out'), 'output-to-output')).toMatch(/both outputs/);
    expect(refused(link('x', 'spare', 'in', 'pe', 'out'), 'reversed-edge')).toMatch(/connect from pe.out to spare.in/);
    expect(refused(link('x', 'tokens', 'out', 'spare', 'in'), 'incompatible-ports')).toMatch(/delivers tokens/);
    refused(link('x', 'head', 'out', 'spare', 'in'), 'incompatible-ports');
    expect(refused(link('x', 'temb', 'out', 'dec', 'in'), 'input-taken')).toMatch(/e-dec/);
    // Inside a block, its in is an output and its out an input.
    refused(link('x', 'enc.ffn', 'out', 'enc', 'in'), 'output-to-output');
    refused(link('x', 'enc', 'out', 'enc.ffn', 'in'), 'input-to-input');
    refused(link('x', 'enc', 'in', 'enc', 'out'), 'bad-edge');
    refused({ type: 'addNodes', nodes: [], edges: [{ id: 'x', source: { node: 'pe', port: 'out' }, target: { node: 'spare', port: 'in' } }] }, 'bad-edge');
  });

  it('cycles, including one that appears only when nodes are grouped', () => {
    expect(refused(link('x', 'spare2', 'out', 'spare', 'in'), 'cycle')).toMatch(/cycle/);
    refused(link('x', 'spare', 'out', 'spare', 'in'), 'cycle');
    refused(link('x', 'dec', 'out', 'enc', 'in'), 'cycle');
    // t → e → a → x → y: grouping {t, y} makes one unit that both feeds e and needs x.
    const chain = new DesignBuilder();
    chain.node('t', 'token-input');
    chain.node('e', 'token-embedding');
    for (const id of ['a', 'x', 'y']) chain.node(id, 'layer-norm');
    chain.edge('t.out', 'e.in');
    chain.edge('e.out', 'a.in');
    chain.edge('a.out', 'x.in');
    chain.edge('x.out', 'y.in');
    expect(refused({ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['t', 'y'] }, 'cycle', chain.build())).toMatch(/'g'/);
  });

  it('a cycle already in a loaded file does not block unrelated edits', () => {
    const b = new DesignBuilder();
    b.node('a', 'layer-norm');
    b.node('b', 'layer-norm');
    b.node('c', 'layer-norm');
    b.edge('a.out', 'b.in');
    b.edge('b.out', 'a.in');
    const doc = b.build();
    const result = applyOp(doc, { type: 'addNodes', nodes: [{ id: 'd', type: 'layer-norm', position: { x: 0, y: 0 } }], edges: [{ id: 'x', source: { node: 'c', port: 'out' }, target: { node: 'd', port: 'in' } }] });
    expect(result.ok).toBe(true);
  });

  it('documents beyond the size caps', () => {
    const full = buildLargeDesign(2000);
    refused({ type: 'addNode', node: { id: 'one-more', type: 'dropout', position: { x: 0, y: 0 } } }, 'too-large', full);
  });
});
