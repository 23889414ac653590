import type { Edge, Node } from '@xyflow/react';
import { BLOCK_INSET, estimateNodeSize } from '@/lib/design/arrange';
import { BLOCK_TYPE, catalogEntry, type PortSpec } from '@/lib/design/catalog';
import type { Diagnostic, Severity } from '@/lib/design/diagnostics';
import type { DesignDocument, DesignNode, PortRef, Position } from '@/lib/design/document';
import type { DiagnosticsMessage } from '@/lib/protocol/messages';
import { formatShape } from './format';

/** What a node component draws: everything comes from the document and the diagnostics. */
export interface LayerData extends Record<string, unknown> {
  node: DesignNode;
  displayName: string;
  ports: readonly PortSpec[];
  /** The worst diagnostic on the node, and how many there are. */
  severity: Severity | null;
  problems: number;
  /** A few `name value` pairs worth seeing on the canvas. */
  summary: string[];
  /** Blocks only. */
  block?: { kind: string; repeat: number; collapsed: boolean };
}

export type FlowNode = Node<LayerData>;
export type FlowEdge = Edge<{ error: boolean }>;

/** Canvas size of a layer node (the frame around an expanded block's inside is BLOCK_INSET, shared with arrange). */
export const NODE_WIDTH = 180;
const NODE_HEIGHT = 150;
/** A block's own in/memory ports feed its inside from handles with this suffix (and its out is fed through one). */
export const INNER = ':inner';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const SUMMARY_PARAMS = 3;

function summarise(node: DesignNode): string[] {
  if (node.type === BLOCK_TYPE) return [];
  return Object.entries(node.params)
    .filter(([, v]) => v !== null && typeof v !== 'boolean')
    .slice(0, SUMMARY_PARAMS)
    .map(([k, v]) => `${k} ${String(v)}`);
}

function problemsByNode(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.nodeId) continue;
    const list = map.get(d.nodeId);
    if (list) list.push(d);
    else map.set(d.nodeId, [d]);
  }
  return map;
}

/** Blocks whose inside is hidden: collapsed, or inside a collapsed block. */
function hiddenScopes(doc: DesignDocument): Set<string> {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const hidden = new Set<string>();
  const isHidden = (id: string | undefined): boolean => {
    for (let cur = id ? byId.get(id) : undefined; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      if (cur.type === BLOCK_TYPE && cur.params.collapsed === true) return true;
    }
    return false;
  };
  for (const n of doc.nodes) if (isHidden(n.parentId)) hidden.add(n.id);
  return hidden;
}

function depth(node: DesignNode, byId: Map<string, DesignNode>): number {
  let d = 0;
  for (let cur = node; cur.parentId && byId.has(cur.parentId); cur = byId.get(cur.parentId)!) d++;
  return d;
}

/** Size of an expanded block's frame, from its children's positions (relative to it) and sizes, as arrange reckons them. */
function blockSize(block: DesignNode, doc: DesignDocument, sizes: Map<string, { width: number; height: number }>) {
  let width = BLOCK_INSET.left + NODE_WIDTH + BLOCK_INSET.right;
  let height = BLOCK_INSET.top + NODE_HEIGHT + BLOCK_INSET.bottom;
  for (const child of doc.nodes) {
    if (child.parentId !== block.id) continue;
    const size = sizes.get(child.id) ?? estimateNodeSize(child);
    width = Math.max(width, child.position.x + size.width + BLOCK_INSET.right);
    height = Math.max(height, child.position.y + size.height + BLOCK_INSET.bottom);
  }
  return { width, height };
}

/** The document as React Flow nodes: parents before children, collapsed insides hidden. */
export function toFlowNodes(doc: DesignDocument, diagnostics: readonly Diagnostic[], selection: ReadonlySet<string>): FlowNode[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const problems = problemsByNode(diagnostics);
  const hidden = hiddenScopes(doc);
  const ordered = [...doc.nodes].sort((a, b) => depth(a, byId) - depth(b, byId));
  // Deepest blocks first, so an outer block's frame fits the inner frames.
  const sizes = new Map<string, { width: number; height: number }>();
  for (const n of [...ordered].reverse()) {
    if (n.type === BLOCK_TYPE && n.params.collapsed !== true) sizes.set(n.id, blockSize(n, doc, sizes));
  }
  return ordered.map((node) => {
    const entry = catalogEntry(node.type);
    const mine = problems.get(node.id) ?? [];
    const worst = mine.reduce<Severity | null>((w, d) => (w === null || RANK[d.severity] > RANK[w] ? d.severity : w), null);
    const isBlock = node.type === BLOCK_TYPE;
    const expanded = isBlock && node.params.collapsed !== true;
    const displayName = entry?.displayName ?? node.type;
    const size = sizes.get(node.id);
    return {
      id: node.id,
      type: expanded ? 'block' : 'layer',
      position: node.position,
      ...(node.parentId ? { parentId: node.parentId } : {}),
      hidden: hidden.has(node.id),
      selected: selection.has(node.id),
      ...(size ? { style: { width: size.width, height: size.height } } : {}),
      ariaLabel: `${displayName}: ${node.label ?? node.id}`,
      data: {
        node,
        displayName,
        ports: entry ? entry.ports(node.params) : [],
        severity: worst,
        problems: mine.length,
        summary: summarise(node),
        ...(isBlock
          ? { block: { kind: String(node.params.kind), repeat: Number(node.params.repeat), collapsed: node.params.collapsed === true } }
          : {}),
      },
    };
  });
}

/** The document's edges, labelled with the shape the diagnostics message says flows along each. */
export function toFlowEdges(doc: DesignDocument, diagnostics: DiagnosticsMessage | null, selection: ReadonlySet<string>): FlowEdge[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const hidden = hiddenScopes(doc);
  const broken = new Set((diagnostics?.diagnostics ?? []).flatMap((d) => (d.edgeId ? [d.edgeId] : [])));
  return doc.edges.map((edge) => {
    const shape = diagnostics?.edges[edge.id];
    const label = shape ? formatShape(shape.shape) : undefined;
    // An edge from a block to its own child leaves through the block's inner handle (and the reverse for out).
    const entering = byId.get(edge.target.node)?.parentId === edge.source.node;
    const leaving = byId.get(edge.source.node)?.parentId === edge.target.node;
    return {
      id: edge.id,
      source: edge.source.node,
      target: edge.target.node,
      sourceHandle: entering ? edge.source.port + INNER : edge.source.port,
      targetHandle: leaving ? edge.target.port + INNER : edge.target.port,
      hidden: hidden.has(edge.source.node) || hidden.has(edge.target.node),
      selected: selection.has(edge.id),
      // Inside a block, the edges from its in and to its out carry the tensor already labelled on the edge at its port.
      label: entering || leaving ? undefined : label,
      className: broken.has(edge.id) ? 'edge-error' : undefined,
      ariaLabel: `${edge.source.node}.${edge.source.port} to ${edge.target.node}.${edge.target.port}${label ? ` ${label}` : ''}`,
      data: { error: broken.has(edge.id) },
    };
  });
}

/** A design port from a React Flow handle id. */
export function portOf(node: string, handle: string | null | undefined): PortRef {
  const port = handle ?? 'out';
  return { node, port: port.endsWith(INNER) ? port.slice(0, -INNER.length) : port };
}

/**
 * Where a new node goes: the wanted spot if it is free, else the first free
 * spot to its right, so added layers do not land on top of each other.
 */
export function freePosition(doc: DesignDocument, wanted: Position): Position {
  const taken = doc.nodes.filter((n) => n.parentId === undefined);
  const overlaps = (p: Position) =>
    taken.some((n) => Math.abs(n.position.x - p.x) < NODE_WIDTH + 20 && Math.abs(n.position.y - p.y) < NODE_HEIGHT);
  const p = { x: Math.round(wanted.x), y: Math.round(wanted.y) };
  for (let i = 0; i < 50 && overlaps(p); i++) p.x += NODE_WIDTH + 40;
  return p;
}
