import type { DesignDocument, DesignEdge, DesignNode, PortRef } from './document.ts';
import { BLOCK_TYPE } from './catalog/index.ts';

/** Lookups over a document, built once per operation or validation. */
export interface DesignIndex {
  nodes: Map<string, DesignNode>;
  /** Direct children by parent id; null holds the top level. */
  children: Map<string | null, DesignNode[]>;
  edges: Map<string, DesignEdge>;
  /** Edges by their target endpoint (see portKey). */
  edgesByTarget: Map<string, DesignEdge[]>;
  /** Edges by their source endpoint (see portKey). */
  edgesBySource: Map<string, DesignEdge[]>;
  /** Edges leaving each node, from any of its ports. */
  edgesFromNode: Map<string, DesignEdge[]>;
}

/** A map key for one port of one node. */
export function portKey(ref: PortRef): string {
  return `${ref.node}\u0000${ref.port}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Indexes nodes, children and edges of a document. */
export function indexDesign(doc: DesignDocument): DesignIndex {
  const nodes = new Map<string, DesignNode>();
  const children = new Map<string | null, DesignNode[]>();
  for (const node of doc.nodes) {
    nodes.set(node.id, node);
    push(children, node.parentId ?? null, node);
  }
  const edges = new Map<string, DesignEdge>();
  const edgesByTarget = new Map<string, DesignEdge[]>();
  const edgesBySource = new Map<string, DesignEdge[]>();
  const edgesFromNode = new Map<string, DesignEdge[]>();
  for (const edge of doc.edges) {
    edges.set(edge.id, edge);
    push(edgesByTarget, portKey(edge.target), edge);
    push(edgesBySource, portKey(edge.source), edge);
    push(edgesFromNode, edge.source.node, edge);
  }
  return { nodes, children, edges, edgesByTarget, edgesBySource, edgesFromNode };
}

/** The scope a node lives in: its block's id, or null at the top level. */
export function scopeOf(node: DesignNode): string | null {
  return node.parentId ?? null;
}

/**
 * Where an edge lies. `sibling`: both ends in one scope. `enter`: from a
 * block's in/memory to one of its children. `leave`: from a child to its
 * block's out. Other combinations cross scopes and are not edges of a design.
 */
export type EdgePlacement = { kind: 'sibling' | 'enter' | 'leave'; scope: string | null };

/** The placement of an edge between two existing nodes, or null when it crosses scopes. */
export function placeEdge(source: DesignNode, target: DesignNode): EdgePlacement | null {
  if (source.type === BLOCK_TYPE && target.parentId === source.id) return { kind: 'enter', scope: source.id };
  if (target.type === BLOCK_TYPE && source.parentId === target.id) return { kind: 'leave', scope: target.id };
  if (scopeOf(source) === scopeOf(target)) return { kind: 'sibling', scope: scopeOf(source) };
  return null;
}

/** True when the node is `ancestorId` or lies (at any depth) inside it. */
export function isInside(ix: DesignIndex, node: DesignNode, ancestorId: string): boolean {
  let current: DesignNode | undefined = node;
  for (let depth = 0; current && depth < 64; depth++) {
    if (current.id === ancestorId) return true;
    current = current.parentId === undefined ? undefined : ix.nodes.get(current.parentId);
  }
  return false;
}

export interface ScopeOrder {
  /** Children of the scope in dependency order (blocks count as one unit). */
  order: DesignNode[];
  /** Children that could not be ordered: on a cycle or downstream of one. */
  stuck: DesignNode[];
}

/** Topologically sorts one scope's children by the sibling edges between them (Kahn). */
export function orderScope(ix: DesignIndex, scope: string | null): ScopeOrder {
  const members = ix.children.get(scope) ?? [];
  const pending = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const node of members) pending.set(node.id, 0);
  for (const node of members) {
    for (const edge of ix.edgesFromNode.get(node.id) ?? []) {
      // Only sibling edges order a scope; a block's edges into its own children belong to its inside.
      const target = ix.nodes.get(edge.target.node);
      if (!target || scopeOf(target) !== scope || isPassThrough(node, edge)) continue;
      pending.set(target.id, pending.get(target.id)! + 1);
      push(next, node.id, target.id);
    }
  }
  const queue = members.filter((n) => pending.get(n.id) === 0);
  const order: DesignNode[] = [];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    order.push(node);
    for (const id of next.get(node.id) ?? []) {
      const left = pending.get(id)! - 1;
      pending.set(id, left);
      if (left === 0) queue.push(ix.nodes.get(id)!);
    }
  }
  const placed = new Set(order.map((n) => n.id));
  return { order, stuck: members.filter((n) => !placed.has(n.id)) };
}

/** A block's in wired straight to its own out: inside the block, not a loop around it. */
function isPassThrough(node: DesignNode, edge: DesignEdge): boolean {
  return edge.target.node === node.id && node.type === BLOCK_TYPE && edge.source.port !== 'out' && edge.target.port === 'out';
}

/** Nodes stuck on cycles in any scope; empty when every scope is a DAG. */
export function nodesOnCycles(ix: DesignIndex): DesignNode[] {
  const stuck: DesignNode[] = [];
  for (const scope of ix.children.keys()) stuck.push(...cycleMembers(ix, orderScope(ix, scope).stuck));
  return stuck;
}

/**
 * Of the nodes Kahn could not order, those actually on a cycle (the rest only
 * sit downstream of one): a node is on a cycle when it can reach itself.
 */
export function cycleMembers(ix: DesignIndex, stuck: DesignNode[]): DesignNode[] {
  if (stuck.length === 0) return [];
  const inStuck = new Set(stuck.map((n) => n.id));
  const successors = (id: string): string[] =>
    (ix.edgesFromNode.get(id) ?? [])
      .filter((e) => inStuck.has(e.target.node) && !isPassThrough(ix.nodes.get(id)!, e))
      .map((e) => e.target.node);
  return stuck.filter((start) => {
    const seen = new Set<string>();
    const stack = successors(start.id);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === start.id) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...successors(id));
    }
    return false;
  });
}
