import { describe, expect, it } from 'vitest';
import { templateDocument, validateDesign } from '@/lib/design';
import type { DiagnosticsMessage } from '@/lib/protocol/messages';
import { freePosition, portOf, toFlowEdges, toFlowNodes } from './flow-elements';

function tiny() {
  const t = templateDocument('tiny-encoder-classifier');
  if (!t.ok) throw new Error(t.message);
  const v = validateDesign(t.doc);
  const message: DiagnosticsMessage = { designId: 'd', version: 1, ok: v.ok, diagnostics: v.diagnostics, edges: v.edges };
  return { doc: t.doc, message };
}

describe('flow elements', () => {
  it('puts blocks before their children and frames the inside', () => {
    const { doc, message } = tiny();
    const nodes = toFlowNodes(doc, message.diagnostics, new Set(['head']));
    const index = (id: string) => nodes.findIndex((n) => n.id === id);
    expect(index('encoder')).toBeLessThan(index('encoder.selfAttn'));
    expect(nodes.find((n) => n.id === 'encoder')).toMatchObject({ type: 'block', style: { width: expect.any(Number) } });
    expect(nodes.find((n) => n.id === 'encoder.ffn')).toMatchObject({ parentId: 'encoder', hidden: false });
    expect(nodes.find((n) => n.id === 'head')?.selected).toBe(true);
  });

  it('hides a collapsed block’s inside', () => {
    const { doc, message } = tiny();
    const collapsed = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'encoder' ? { ...n, params: { ...n.params, collapsed: true } } : n)) };
    const nodes = toFlowNodes(collapsed, message.diagnostics, new Set());
    expect(nodes.find((n) => n.id === 'encoder')?.type).toBe('layer');
    expect(nodes.find((n) => n.id === 'encoder.ffn')?.hidden).toBe(true);
    expect(toFlowEdges(collapsed, message, new Set()).find((e) => e.id === 'encoder.e4')?.hidden).toBe(true);
  });

  it('labels edges with their shapes and wires block insides through inner handles', () => {
    const { doc, message } = tiny();
    const edges = toFlowEdges(doc, message, new Set());
    expect(edges.find((e) => e.id === 'e2')?.label).toBe('[16, 16, 32]');
    expect(edges.find((e) => e.id === 'encoder.e1')).toMatchObject({ sourceHandle: 'in:inner', targetHandle: 'in' });
    expect(edges.find((e) => e.id === 'encoder.e7')).toMatchObject({ sourceHandle: 'out', targetHandle: 'out:inner' });
    // Those two repeat the shape at the block's port, so only edges between layers are labelled inside.
    expect(edges.find((e) => e.id === 'encoder.e1')?.label).toBeUndefined();
    expect(edges.find((e) => e.id === 'encoder.e7')?.label).toBeUndefined();
    expect(edges.find((e) => e.source === 'encoder.selfAttn' && e.target === 'encoder.addNorm1')?.label).toBe('[16, 16, 32]');
    expect(portOf('encoder', 'in:inner')).toEqual({ node: 'encoder', port: 'in' });
  });

  it('badges a node with its worst diagnostic', () => {
    const { doc } = tiny();
    const broken = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'encoder.selfAttn' ? { ...n, params: { ...n.params, heads: 3 } } : n)) };
    const v = validateDesign(broken);
    const node = toFlowNodes(broken, v.diagnostics, new Set()).find((n) => n.id === 'encoder.selfAttn');
    expect(node?.data).toMatchObject({ severity: 'error', problems: 1 });
  });

  it('finds a free spot for a new node', () => {
    const { doc } = tiny();
    const p = freePosition(doc, { x: 0, y: 0 });
    expect(p.x).toBeGreaterThan(0);
    expect(freePosition(doc, { x: 0, y: 1000 })).toEqual({ x: 0, y: 1000 });
  });
});
