import { parseParams, portsOf } from '../catalog/index.ts';
import type { DesignDocument, DesignEdge, DesignNode, Position } from '../document.ts';
import { indexDesign } from '../graph.ts';
import { commit, insertAt, refuse, replaceNodes, withNode } from './commit.ts';
import type { DesignOp, NodeInit, OpRefusal, OpResult, SettingsPatch } from './schema.ts';
import { patchSettings } from './settings.ts';

type Result = OpResult<DesignDocument>;

/** A complete node from an init: the catalog checks the type and fills in default params. */
export function nodeFromInit(init: NodeInit): DesignNode | OpRefusal {
  const params = parseParams(init.type, init.params ?? {});
  if (!params.ok) return refuse(params.code, `node '${init.id}': ${params.message}`);
  return withNode({ id: init.id, type: init.type, params: params.params, position: { ...init.position } }, { label: init.label, parentId: init.parentId });
}

/**
 * Adds nodes and edges together, and optionally patches the run settings;
 * every edge must touch an added node, so removing the added nodes (and
 * putting the old settings back) is the exact inverse.
 */
export function addNodes(
  doc: DesignDocument,
  inits: readonly NodeInit[],
  edges: readonly DesignEdge[],
  placement?: { nodes: number[]; edges: number[] },
  settings?: SettingsPatch,
): Result {
  const ix = indexDesign(doc);
  const nodes: DesignNode[] = [];
  const added = new Set<string>();
  for (const init of inits) {
    if (ix.nodes.has(init.id) || added.has(init.id)) return refuse('duplicate-id', `there is already a node '${init.id}'`);
    const node = nodeFromInit(init);
    if ('ok' in node) return node;
    nodes.push(node);
    added.add(node.id);
  }
  const edgeIds = new Set<string>();
  for (const edge of edges) {
    if (ix.edges.has(edge.id) || edgeIds.has(edge.id)) return refuse('duplicate-id', `there is already an edge '${edge.id}'`);
    edgeIds.add(edge.id);
    if (!added.has(edge.source.node) && !added.has(edge.target.node)) {
      return refuse('bad-edge', `edge '${edge.id}' connects two existing nodes; add it with connect`);
    }
  }
  const patched = settings ? patchSettings(doc.settings, settings) : null;
  if (patched && !patched.ok) return patched;
  const after: DesignDocument = {
    ...doc,
    nodes: insertAt(doc.nodes, nodes, placement?.nodes),
    edges: insertAt(doc.edges, edges.map(copyEdge), placement?.edges),
    ...(patched ? { settings: patched.settings } : {}),
  };
  // An empty addNodes has no removeNodes to undo it (ids needs one); its inverse only restores the settings.
  const inverse: DesignOp =
    nodes.length === 0
      ? { type: 'setSettings', settings: patched?.undo ?? {} }
      : { type: 'removeNodes', ids: nodes.map((n) => n.id), ...(patched ? { settings: patched.undo } : {}) };
  return commit(doc, after, inverse, { edges: [...edgeIds], structure: true, cycles: true });
}

/** Removes nodes with everything inside them and every edge touching them; optionally patches the run settings too. */
export function removeNodes(doc: DesignDocument, ids: readonly string[], settings?: SettingsPatch): Result {
  const ix = indexDesign(doc);
  const doomed = new Set<string>();
  const visit = (id: string) => {
    if (doomed.has(id)) return;
    doomed.add(id);
    for (const child of ix.children.get(id) ?? []) visit(child.id);
  };
  for (const id of ids) {
    if (!ix.nodes.has(id)) return refuse('unknown-node', `there is no node '${id}'`);
    visit(id);
  }
  const removedNodes: { node: DesignNode; index: number }[] = [];
  const keptNodes: DesignNode[] = [];
  doc.nodes.forEach((node, index) => (doomed.has(node.id) ? removedNodes.push({ node, index }) : keptNodes.push(node)));
  const removedEdges: { edge: DesignEdge; index: number }[] = [];
  const keptEdges: DesignEdge[] = [];
  doc.edges.forEach((edge, index) =>
    doomed.has(edge.source.node) || doomed.has(edge.target.node) ? removedEdges.push({ edge, index }) : keptEdges.push(edge),
  );
  const patched = settings ? patchSettings(doc.settings, settings) : null;
  if (patched && !patched.ok) return patched;
  return commit(doc, { ...doc, nodes: keptNodes, edges: keptEdges, ...(patched ? { settings: patched.settings } : {}) }, {
    type: 'addNodes',
    nodes: removedNodes.map((r) => r.node),
    edges: removedEdges.map((r) => r.edge),
    placement: { nodes: removedNodes.map((r) => r.index), edges: removedEdges.map((r) => r.index) },
    ...(patched ? { settings: patched.undo } : {}),
  });
}

/** Moves nodes; a child's position is relative to its block. */
export function moveNodes(doc: DesignDocument, moves: readonly { id: string; position: Position }[]): Result {
  const ix = indexDesign(doc);
  const current = new Map<string, DesignNode>();
  const undo: { id: string; position: Position }[] = [];
  for (const move of moves) {
    const node = current.get(move.id) ?? ix.nodes.get(move.id);
    if (!node) return refuse('unknown-node', `there is no node '${move.id}'`);
    undo.unshift({ id: move.id, position: node.position });
    current.set(move.id, { ...node, position: { ...move.position } });
  }
  return commit(doc, { ...doc, nodes: replaceNodes(doc, current) }, { type: 'moveNodes', moves: undo });
}

/** Changes some params of a node, checked against its catalog schema. */
export function setParams(doc: DesignDocument, id: string, patch: Record<string, unknown>): Result {
  const ix = indexDesign(doc);
  const node = ix.nodes.get(id);
  if (!node) return refuse('unknown-node', `there is no node '${id}'`);
  const parsed = parseParams(node.type, { ...node.params, ...patch });
  if (!parsed.ok) return refuse('bad-params', `node '${id}': ${parsed.message}`);
  const next = { ...node, params: parsed.params };
  // A param may remove a port (cross-attention's memory); it must not strand an edge.
  const ports = new Set(portsOf(next).map((p) => p.name));
  for (const edge of ix.edgesFromNode.get(id) ?? []) {
    if (!ports.has(edge.source.port)) return refuse('port-in-use', `edge '${edge.id}' uses port '${edge.source.port}' of '${id}'; disconnect it first`);
  }
  for (const edge of doc.edges) {
    if (edge.target.node === id && !ports.has(edge.target.port)) {
      return refuse('port-in-use', `edge '${edge.id}' uses port '${edge.target.port}' of '${id}'; disconnect it first`);
    }
  }
  const old: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) old[key] = node.params[key];
  return commit(doc, { ...doc, nodes: replaceNodes(doc, new Map([[id, next]])) }, { type: 'setParams', id, params: old });
}

/** Sets or clears the label shown on a node. */
export function renameNode(doc: DesignDocument, id: string, label: string | null): Result {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return refuse('unknown-node', `there is no node '${id}'`);
  const next = withNode(node, { label: label ?? undefined });
  return commit(doc, { ...doc, nodes: replaceNodes(doc, new Map([[id, next]])) }, { type: 'renameNode', id, label: node.label ?? null });
}

function copyEdge(edge: DesignEdge): DesignEdge {
  return { id: edge.id, source: { ...edge.source }, target: { ...edge.target } };
}
