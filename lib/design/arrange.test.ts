import { describe, expect, it } from 'vitest';
import { arrangeDesign, arrangedDocument, arrangeMoves, BLOCK_INSET, estimateNodeSize, type NodeSize } from './arrange.ts';
import { BLOCK_TYPE } from './catalog/index.ts';
import { DesignBuilder } from './builder.ts';
import type { DesignDocument, Position } from './document.ts';
import { applyOp } from './ops/index.ts';
import { listTemplates, templateDocument } from './templates/index.ts';
import { sampleDesign } from './testing/sample-design.ts';

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Each node's box at its scope, as the canvas draws it: an expanded block is as big as its inside plus the inset. */
function boxes(doc: DesignDocument, positions: ReadonlyMap<string, Position>, measured: ReadonlyMap<string, NodeSize> = new Map()): Map<string, Box> {
  const result = new Map<string, Box>();
  const size = (id: string): NodeSize => {
    const node = doc.nodes.find((n) => n.id === id)!;
    if (node.type === BLOCK_TYPE && node.params.collapsed !== true) {
      let width = 0;
      let height = 0;
      for (const child of doc.nodes.filter((c) => c.parentId === id)) {
        const s = size(child.id);
        const p = positions.get(child.id)!;
        width = Math.max(width, p.x + s.width + BLOCK_INSET.right);
        height = Math.max(height, p.y + s.height + BLOCK_INSET.bottom);
      }
      return { width, height };
    }
    return measured.get(id) ?? estimateNodeSize(node);
  };
  for (const node of doc.nodes) result.set(node.id, { id: node.id, ...positions.get(node.id)!, ...size(node.id) });
  return result;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Pairs of nodes in one scope whose boxes overlap. */
function overlapping(doc: DesignDocument, all: Map<string, Box>): string[] {
  const found: string[] = [];
  for (const a of doc.nodes) {
    for (const b of doc.nodes) {
      if (a.id < b.id && a.parentId === b.parentId && overlaps(all.get(a.id)!, all.get(b.id)!)) found.push(`${a.id} × ${b.id}`);
    }
  }
  return found;
}

function template(name: string): DesignDocument {
  const result = templateDocument(name);
  if (!result.ok) throw new Error(result.message);
  return result.doc;
}

function chain(): DesignDocument {
  const b = new DesignBuilder();
  // Deliberately placed right to left and on top of each other.
  b.node('tokens', 'token-input', { vocab: 20, seqLen: 6 }, { x: 900, y: 0 });
  b.node('emb', 'token-embedding', { vocab: 20, dModel: 16 }, { x: 600, y: 0 });
  b.node('pe', 'positional-encoding', {}, { x: 300, y: 0 });
  b.node('norm', 'layer-norm', {}, { x: 300, y: 0 });
  b.edge('tokens.out', 'emb.in');
  b.edge('emb.out', 'pe.in');
  b.edge('pe.out', 'norm.in');
  return b.build();
}

describe('arrangeDesign', () => {
  it('lays a chain out left to right along its edges, on one line, without overlaps', () => {
    const doc = chain();
    const at = arrangeDesign(doc);
    const xs = ['tokens', 'emb', 'pe', 'norm'].map((id) => at.get(id)!.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(180 + 40);
    expect(overlapping(doc, boxes(doc, at))).toEqual([]);
    // The design keeps its top-left corner.
    expect(Math.min(...[...at.values()].map((p) => p.x))).toBe(300);
    expect(Math.min(...[...at.values()].map((p) => p.y))).toBe(0);
  });

  it('is deterministic and does not depend on where the nodes were', () => {
    const doc = sampleDesign();
    const first = arrangeDesign(doc);
    expect(arrangeDesign(structuredClone(doc))).toStrictEqual(first);
    // Scramble every position (keeping the top-left node where it was): the arrangement is the same.
    const scrambled = { ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? n : { ...n, position: { x: (i * 7919) % 2000, y: (i * 104729) % 900 } })) };
    expect(arrangeDesign(scrambled)).toStrictEqual(first);
  });

  it('keeps children inside their block and sizes the block to fit them, so nothing overlaps at any level', () => {
    const doc = sampleDesign();
    const at = arrangeDesign(doc);
    const all = boxes(doc, at);
    expect(overlapping(doc, all)).toEqual([]);
    for (const child of doc.nodes.filter((n) => n.parentId)) {
      const box = all.get(child.id)!;
      const block = all.get(child.parentId!)!;
      expect(box.x).toBeGreaterThanOrEqual(BLOCK_INSET.left);
      expect(box.y).toBeGreaterThanOrEqual(BLOCK_INSET.top);
      expect(box.x + box.width).toBeLessThanOrEqual(block.width);
      expect(box.y + box.height).toBeLessThanOrEqual(block.height);
    }
    // Inside a block too, data flows left to right.
    expect(at.get('enc.selfAttn')!.x).toBeLessThan(at.get('enc.addNorm1')!.x);
    expect(at.get('enc.addNorm1')!.x).toBeLessThan(at.get('enc.ffn')!.x);
  });

  it('uses measured sizes where it has them', () => {
    const doc = chain();
    const tall = new Map([['emb', { width: 400, height: 600 }]]);
    const at = arrangeDesign(doc, tall);
    expect(at.get('pe')!.x - at.get('emb')!.x).toBeGreaterThanOrEqual(400);
    expect(overlapping(doc, boxes(doc, at, tall))).toEqual([]);
  });

  it.each(listTemplates().map((t) => t.name))('%s: sibling edges run left to right and no boxes overlap', (name) => {
    const doc = template(name);
    const at = arrangeDesign(doc);
    expect(overlapping(doc, boxes(doc, at))).toEqual([]);
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    for (const edge of doc.edges) {
      const source = byId.get(edge.source.node)!;
      const target = byId.get(edge.target.node)!;
      if (source.parentId === target.parentId) expect(at.get(source.id)!.x, edge.id).toBeLessThan(at.get(target.id)!.x);
    }
  });
});

describe('arrangeMoves', () => {
  it('moves only what changes, as one op that one undo takes back', () => {
    const doc = chain();
    const moves = arrangeMoves(doc);
    expect(moves.length).toBeGreaterThan(0);
    const result = applyOp(doc, { type: 'moveNodes', moves });
    if (!result.ok) throw new Error(result.message);
    expect(arrangeMoves(result.doc)).toEqual([]);
    const back = applyOp(result.doc, result.inverse);
    expect(back.ok && back.doc).toStrictEqual(doc);
  });

  it('templates come arranged', () => {
    for (const t of listTemplates()) expect(arrangeMoves(template(t.name)), t.name).toEqual([]);
    expect(arrangedDocument(chain()).nodes.map((n) => n.position)).toStrictEqual([...arrangeDesign(chain()).values()]);
  });
});
