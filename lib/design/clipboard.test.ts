import { describe, expect, it } from 'vitest';
import { copyNodes, parseClip, pasteNodes, PASTE_STEP, type DesignClip } from './clipboard.ts';
import { DesignBuilder } from './builder.ts';
import type { DesignDocument } from './document.ts';
import { applyOp } from './ops/index.ts';
import { sampleDesign } from './testing/sample-design.ts';

/** Fresh ids from a counter, so tests are repeatable. */
function counter() {
  let n = 0;
  return (prefix: string) => `${prefix}-${++n}`;
}

function clip(doc: DesignDocument, ids: string[]): DesignClip {
  const result = copyNodes(doc, ids);
  if (!result) throw new Error('nothing copied');
  return result;
}

/** Pastes as the editor does: one addNodes op; returns the new document and what was pasted. */
function paste(doc: DesignDocument, c: DesignClip, freshId = counter()) {
  const pasted = pasteNodes(doc, c, freshId);
  const result = applyOp(doc, { type: 'addNodes', nodes: pasted.nodes, edges: pasted.edges });
  if (!result.ok) throw new Error(result.message);
  return { doc: result.doc, pasted, inverse: result.inverse };
}

const find = (doc: DesignDocument, id: string) => doc.nodes.find((n) => n.id === id)!;

describe('copy and paste', () => {
  it('two connected layers: two new nodes and the edge between them, offset, as one undoable edit', () => {
    const doc = sampleDesign();
    const c = clip(doc, ['emb', 'pe']);
    expect(c.nodes.map((n) => n.id)).toEqual(['emb', 'pe']);
    expect(c.edges.map((e) => e.id)).toEqual(['e-emb']);
    const { doc: after, pasted, inverse } = paste(doc, c);
    expect(after.nodes).toHaveLength(doc.nodes.length + 2);
    expect(after.edges).toHaveLength(doc.edges.length + 1);
    const [emb, pe] = pasted.roots.map((id) => find(after, id));
    expect(emb).toMatchObject({ type: 'token-embedding', position: { x: 240 + PASTE_STEP, y: PASTE_STEP } });
    expect(pe.type).toBe('positional-encoding');
    expect(pasted.edges).toEqual([{ id: expect.any(String), source: { node: emb.id, port: 'out' }, target: { node: pe.id, port: 'in' } }]);
    // Edges to nodes that were not copied stay behind.
    expect(pasted.edges.some((e) => e.source.node === 'tokens' || e.target.node === 'enc')).toBe(false);
    const undone = applyOp(after, inverse);
    expect(undone.ok && undone.doc).toStrictEqual(doc);
  });

  it('a block comes with its inside, renamed after the copy, and its edges to its children', () => {
    const doc = sampleDesign();
    const { doc: after, pasted } = paste(doc, clip(doc, ['enc']));
    const [block] = pasted.roots;
    const inside = after.nodes.filter((n) => n.parentId === block).map((n) => n.id);
    expect(inside).toEqual(['selfAttn', 'addNorm1', 'ffn', 'addNorm2'].map((k) => `${block}.${k}`));
    expect(pasted.edges.filter((e) => e.source.node === block)).toHaveLength(2);
    expect(pasted.edges.filter((e) => e.target.node === block)).toHaveLength(1);
    // Children keep their positions relative to the block.
    expect(find(after, `${block}.ffn`).position).toStrictEqual(find(doc, 'enc.ffn').position);
  });

  it('each further paste of the same clip lands one step further, never exactly on the last one', () => {
    const doc = sampleDesign();
    const c = clip(doc, ['spare']);
    const once = paste(doc, c);
    const twice = paste(once.doc, c);
    expect(find(twice.doc, twice.pasted.roots[0]).position).toStrictEqual({ x: 3140 + 2 * PASTE_STEP, y: 2 * PASTE_STEP });
    expect(find(twice.doc, twice.pasted.roots[0]).label).toBe('Spare');
  });

  it('layers copied from inside a block paste into that block, or to the top level of another design', () => {
    const doc = sampleDesign();
    const c = clip(doc, ['enc.ffn', 'enc.addNorm2']);
    expect(c.scope).toBe('enc');
    const same = paste(doc, c);
    const ffn = find(same.doc, same.pasted.roots[0]);
    expect(ffn.parentId).toBe('enc');
    expect(ffn.position).toStrictEqual({ x: find(doc, 'enc.ffn').position.x + PASTE_STEP, y: find(doc, 'enc.ffn').position.y + PASTE_STEP });

    const other = paste(new DesignBuilder().build(), parseClip(JSON.stringify(c))!);
    const moved = find(other.doc, other.pasted.roots[0]);
    expect(moved).not.toHaveProperty('parentId');
    // At the top level it sits where it was on the canvas: block position plus its own.
    expect(moved.position).toStrictEqual({
      x: find(doc, 'enc').position.x + find(doc, 'enc.ffn').position.x + PASTE_STEP,
      y: find(doc, 'enc').position.y + find(doc, 'enc.ffn').position.y + PASTE_STEP,
    });
    expect(other.pasted.edges).toHaveLength(1);
  });

  it('references among the copied nodes follow the copies; others keep pointing at the original', () => {
    const doc = sampleDesign();
    const both = paste(doc, clip(doc, ['emb', 'temb']));
    const [emb, temb] = both.pasted.roots;
    expect(find(both.doc, temb).params.sharedWith).toBe(emb);
    const alone = paste(doc, clip(doc, ['temb']));
    expect(find(alone.doc, alone.pasted.roots[0]).params.sharedWith).toBe('emb');
  });

  it('nothing selected copies nothing', () => {
    expect(copyNodes(sampleDesign(), [])).toBeNull();
    expect(copyNodes(sampleDesign(), ['ghost'])).toBeNull();
  });
});

describe('parseClip', () => {
  it('reads back what copy wrote, and refuses anything else', () => {
    const c = clip(sampleDesign(), ['enc']);
    expect(parseClip(JSON.stringify(c))).toStrictEqual(c);
    expect(parseClip('hello')).toBeNull();
    expect(parseClip('{"kind":"something-else"}')).toBeNull();
    expect(parseClip(JSON.stringify({ ...c, nodes: [] }))).toBeNull();
    expect(parseClip(JSON.stringify({ ...c, nodes: [{ ...c.nodes[0], id: 'no spaces allowed' }] }))).toBeNull();
    expect(parseClip(JSON.stringify({ ...c, extra: 1 }))).toBeNull();
    // A child whose block is missing, or a node twice, is not a clip.
    expect(parseClip(JSON.stringify({ ...c, nodes: c.nodes.slice(1) }))).toBeNull();
    expect(parseClip(JSON.stringify({ ...c, nodes: [c.nodes[0], c.nodes[0]] }))).toBeNull();
  });

  it('drops edges that lead out of the clip', () => {
    const c = clip(sampleDesign(), ['emb', 'pe']);
    const stray = { id: 'x', source: { node: 'tokens', port: 'out' }, target: { node: 'emb', port: 'in' } };
    expect(parseClip(JSON.stringify({ ...c, edges: [...c.edges, stray] }))!.edges).toEqual(c.edges);
  });
});
