import { BLOCK_TYPE, parseParams, type BlockParams } from '../catalog/index.ts';
import type { DesignDocument, DesignEdge, DesignNode, PortRef, Position } from '../document.ts';
import { indexDesign, placeEdge, portKey, scopeOf } from '../graph.ts';
import { commit, insertAt, refuse, replaceNodes, withNode } from './commit.ts';
import type { DesignOp, OpResult } from './schema.ts';

type Result = OpResult<DesignDocument>;
type GroupOp = Extract<DesignOp, { type: 'groupIntoBlock' }>;
type RestoreOp = Extract<DesignOp, { type: 'restoreBlock' }>;

const BLOCK_MARGIN = { x: 40, y: 60 };

/**
 * Puts sibling nodes into a new block. Edges crossing the group's boundary
 * are routed through the block: the one stream coming in enters through
 * `in` (a second one, read only by cross-attention, through `memory`), and
 * the one stream going out leaves through `out`.
 */
export function groupIntoBlock(doc: DesignDocument, op: GroupOp): Result {
  const ix = indexDesign(doc);
  if (ix.nodes.has(op.blockId)) return refuse('duplicate-id', `there is already a node '${op.blockId}'`);
  const members = new Set(op.nodeIds);
  if (members.size !== op.nodeIds.length) return refuse('bad-group', 'a node is listed twice');
  const nodes: DesignNode[] = [];
  for (const id of op.nodeIds) {
    const node = ix.nodes.get(id);
    if (!node) return refuse('unknown-node', `there is no node '${id}'`);
    nodes.push(node);
  }
  const scope = scopeOf(nodes[0]);
  if (nodes.some((n) => scopeOf(n) !== scope)) return refuse('bad-group', 'only nodes that sit side by side (in the same block) can be grouped');

  // Classify the edges that cross the group's boundary, keeping the order of first appearance.
  const incoming = new Map<string, DesignEdge[]>();
  const outgoing = new Map<string, DesignEdge[]>();
  for (const edge of doc.edges) {
    const source = ix.nodes.get(edge.source.node)!;
    const target = ix.nodes.get(edge.target.node)!;
    const placement = placeEdge(source, target);
    if (!placement) continue;
    const fromOutside = placement.kind === 'sibling' ? !members.has(source.id) : placement.kind === 'enter' && source.id === scope;
    const toOutside = placement.kind === 'sibling' ? !members.has(target.id) : placement.kind === 'leave' && target.id === scope;
    if (members.has(target.id) && fromOutside) push(incoming, portKey(edge.source), edge);
    else if (members.has(source.id) && toOutside) push(outgoing, portKey(edge.source), edge);
  }
  if (outgoing.size > 1) return refuse('bad-group', `a block has one output, but ${outgoing.size} different outputs of the group are used outside it`);
  const streams = [...incoming.values()];
  const readsOnlyMemory = (edges: DesignEdge[]) => edges.every((e) => e.target.port === 'memory');
  let input: DesignEdge[] | undefined;
  let memory: DesignEdge[] | undefined;
  if (streams.length === 1) [input] = streams;
  else if (streams.length === 2) {
    const [a, b] = streams;
    if (readsOnlyMemory(a) !== readsOnlyMemory(b)) [memory, input] = readsOnlyMemory(a) ? [a, b] : [b, a];
    else return refuse('bad-group', 'a block takes one input stream and one memory; this group reads two streams that are not a memory');
  } else if (streams.length > 2) return refuse('bad-group', `a block takes one input stream and one memory, but the group reads ${streams.length}`);
  const kind = op.kind ?? 'custom';
  if (memory && kind === 'encoder') return refuse('bad-group', 'an encoder block has no memory input; use a decoder or custom block');

  const position: Position = op.position ?? {
    x: Math.min(...nodes.map((n) => n.position.x)) - BLOCK_MARGIN.x,
    y: Math.min(...nodes.map((n) => n.position.y)) - BLOCK_MARGIN.y,
  };
  const params: BlockParams = { kind, repeat: 1, collapsed: false };
  const block = withNode({ id: op.blockId, type: BLOCK_TYPE, params, position }, { label: op.label, parentId: scope ?? undefined });
  const moved = new Map(
    nodes.map((n) => [n.id, withNode(n, { parentId: op.blockId, position: { x: n.position.x - position.x, y: n.position.y - position.y } })]),
  );
  const firstIndex = doc.nodes.findIndex((n) => members.has(n.id));
  const nextNodes = insertAt(replaceNodes(doc, moved), [block], [firstIndex]);

  const rewired = new Map<string, PortRef>();
  const added: DesignEdge[] = [];
  const boundary = (edges: DesignEdge[] | undefined, port: 'in' | 'memory', id: string | undefined) => {
    if (!edges) return;
    for (const e of edges) rewired.set(e.id, { node: op.blockId, port });
    added.push({ id: id ?? `${op.blockId}.${port}`, source: { ...edges[0].source }, target: { node: op.blockId, port } });
  };
  boundary(input, 'in', op.edgeIds?.in);
  boundary(memory, 'memory', op.edgeIds?.memory);
  const [out] = outgoing.values();
  if (out) {
    for (const e of out) rewired.set(e.id, { node: op.blockId, port: 'out' });
    added.push({ id: op.edgeIds?.out ?? `${op.blockId}.out`, source: { ...out[0].source }, target: { node: op.blockId, port: 'out' } });
  }
  for (const edge of added) if (ix.edges.has(edge.id)) return refuse('duplicate-id', `there is already an edge '${edge.id}'`);
  const nextEdges = doc.edges.map((e) => (rewired.has(e.id) ? { ...e, source: rewired.get(e.id)! } : e)).concat(added);

  const after = { ...doc, nodes: nextNodes, edges: nextEdges };
  const inverse: DesignOp = { type: 'ungroup', id: op.blockId, positions: nodes.map((n) => ({ id: n.id, position: n.position })) };
  return commit(doc, after, inverse, { edges: [...rewired.keys(), ...added.map((e) => e.id)], structure: true, cycles: true });
}

/**
 * Dissolves a block into its scope (one copy of its inside): edges through
 * its ports are joined up, edges that led nowhere are dropped. The inverse
 * is a restoreBlock carrying everything needed to put it back exactly.
 */
export function ungroup(doc: DesignDocument, id: string, positions?: readonly { id: string; position: Position }[]): Result {
  const ix = indexDesign(doc);
  const block = ix.nodes.get(id);
  if (!block) return refuse('unknown-node', `there is no node '${id}'`);
  if (block.type !== BLOCK_TYPE) return refuse('not-a-block', `'${id}' is not a block`);
  const children = ix.children.get(id) ?? [];
  const exact = new Map(positions?.map((p) => [p.id, p.position]));

  const outerSource = (port: string) => ix.edgesByTarget.get(portKey({ node: id, port }))?.[0]?.source;
  const innerToOut = ix.edgesByTarget.get(portKey({ node: id, port: 'out' }))?.[0]?.source;
  const removed: { edge: DesignEdge; index: number }[] = [];
  const rewire: { edgeId: string; source: PortRef }[] = [];
  const nextEdges: DesignEdge[] = [];
  doc.edges.forEach((edge, index) => {
    let source: PortRef | undefined = edge.source;
    if (edge.target.node === id) source = undefined; // into the block's in/memory from outside, or into out from inside
    else if (edge.source.node === id) source = edge.source.port === 'out' ? innerToOut : outerSource(edge.source.port);
    if (!source) {
      removed.push({ edge, index });
      return;
    }
    if (source !== edge.source) rewire.push({ edgeId: edge.id, source: edge.source });
    nextEdges.push(source === edge.source ? edge : { ...edge, source: { ...source } });
  });

  const freed = new Map(
    children.map((c) => {
      const position = exact.get(c.id) ?? { x: c.position.x + block.position.x, y: c.position.y + block.position.y };
      return [c.id, withNode(c, { parentId: block.parentId, position })];
    }),
  );
  const index = doc.nodes.indexOf(block);
  const nextNodes = replaceNodes(doc, freed).filter((n) => n.id !== id);
  const inverse: DesignOp = {
    type: 'restoreBlock',
    block,
    index,
    children: children.map((c) => ({ id: c.id, position: c.position })),
    edges: removed,
    rewire,
  };
  return commit(doc, { ...doc, nodes: nextNodes, edges: nextEdges }, inverse, { edges: rewire.map((r) => r.edgeId) });
}

/** Puts back a block removed by ungroup: the block, its children, its edges and the rewired sources. */
export function restoreBlock(doc: DesignDocument, op: RestoreOp): Result {
  const ix = indexDesign(doc);
  const { block } = op;
  if (ix.nodes.has(block.id)) return refuse('duplicate-id', `there is already a node '${block.id}'`);
  if (block.type !== BLOCK_TYPE) return refuse('not-a-block', `'${block.id}' is not a block`);
  const params = parseParams(BLOCK_TYPE, block.params);
  if (!params.ok) return refuse('bad-params', params.message);
  const moved = new Map<string, DesignNode>();
  const undoPositions: { id: string; position: Position }[] = [];
  for (const { id, position } of op.children) {
    const child = ix.nodes.get(id);
    if (!child) return refuse('unknown-node', `there is no node '${id}'`);
    if (child.parentId !== block.parentId) return refuse('bad-group', `'${id}' has moved out of the block's scope`);
    undoPositions.push({ id, position: child.position });
    moved.set(id, withNode(child, { parentId: block.id, position: { ...position } }));
  }
  const sources = new Map(op.rewire.map((r) => [r.edgeId, r.source]));
  for (const edgeId of sources.keys()) if (!ix.edges.has(edgeId)) return refuse('unknown-edge', `there is no edge '${edgeId}'`);
  for (const { edge } of op.edges) if (ix.edges.has(edge.id)) return refuse('duplicate-id', `there is already an edge '${edge.id}'`);
  const nodes = insertAt(replaceNodes(doc, moved), [withNode({ ...block, params: params.params }, {})], [op.index]);
  const rewired = doc.edges.map((e) => (sources.has(e.id) ? { ...e, source: { ...sources.get(e.id)! } } : e));
  const edges = insertAt(
    rewired,
    op.edges.map((r) => r.edge),
    op.edges.map((r) => r.index),
  );
  const inverse: DesignOp = { type: 'ungroup', id: block.id, positions: undoPositions };
  return commit(doc, { ...doc, nodes, edges }, inverse, { edges: [...sources.keys(), ...op.edges.map((r) => r.edge.id)], structure: true, cycles: true });
}

/** Changes one param of a block (repeat, collapsed). */
export function setBlockParam<K extends 'repeat' | 'collapsed'>(doc: DesignDocument, id: string, key: K, value: BlockParams[K]): Result {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return refuse('unknown-node', `there is no node '${id}'`);
  if (node.type !== BLOCK_TYPE) return refuse('not-a-block', `'${id}' is not a block`);
  const parsed = parseParams(BLOCK_TYPE, { ...node.params, [key]: value });
  if (!parsed.ok) return refuse('bad-params', parsed.message);
  const old = (node.params as BlockParams)[key];
  const inverse: DesignOp = key === 'repeat' ? { type: 'setBlockRepeat', id, repeat: old as number } : { type: 'setBlockCollapsed', id, collapsed: old as boolean };
  return commit(doc, { ...doc, nodes: replaceNodes(doc, new Map([[id, { ...node, params: parsed.params }]])) }, inverse);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
