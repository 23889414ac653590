import type { DesignDocument, DesignEdge, DesignNode } from '../design/document.ts';

/** A node as the diff names it. */
export interface DiffNode {
  id: string;
  type: string;
}

/** One param that differs: its value in the reference and in the submission (undefined: absent). */
export interface ParamChange {
  param: string;
  before: unknown;
  after: unknown;
}

/** A node present in both whose params differ; ids as each design spells them. */
export interface ChangedNode {
  referenceId: string;
  submittedId: string;
  type: string;
  params: ParamChange[];
}

/** An edge as `node.port → node.port`, in the ids of the design it belongs to. */
export interface DiffEdge {
  from: string;
  to: string;
}

export interface DesignDiff {
  nodesAdded: DiffNode[];
  nodesRemoved: DiffNode[];
  nodesChanged: ChangedNode[];
  edgesAdded: DiffEdge[];
  edgesRemoved: DiffEdge[];
}

const byPosition = (a: DesignNode, b: DesignNode) => a.position.x - b.position.x || a.position.y - b.position.y || a.id.localeCompare(b.id);

/**
 * Pairs submitted nodes with reference nodes: by id when the type agrees
 * (a group's room starts as a copy of the starter, so ids mostly match), then
 * the rest of each type in position order (left to right, top to bottom).
 * Returns submitted id → reference id.
 */
export function matchNodes(reference: DesignDocument, submitted: DesignDocument): Map<string, string> {
  const refById = new Map(reference.nodes.map((n) => [n.id, n]));
  const matched = new Map<string, string>();
  for (const node of submitted.nodes) {
    if (refById.get(node.id)?.type === node.type) matched.set(node.id, node.id);
  }
  const taken = new Set(matched.values());
  const leftover = (nodes: DesignNode[], used: (n: DesignNode) => boolean) => {
    const byType = new Map<string, DesignNode[]>();
    for (const n of nodes) if (!used(n)) byType.set(n.type, [...(byType.get(n.type) ?? []), n]);
    for (const list of byType.values()) list.sort(byPosition);
    return byType;
  };
  const refLeft = leftover(reference.nodes, (n) => taken.has(n.id));
  const subLeft = leftover(submitted.nodes, (n) => matched.has(n.id));
  for (const [type, subs] of subLeft) {
    const refs = refLeft.get(type) ?? [];
    subs.slice(0, refs.length).forEach((n, i) => matched.set(n.id, refs[i].id));
  }
  return matched;
}

function paramChanges(before: Record<string, unknown>, after: Record<string, unknown>): ParamChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.filter((p) => JSON.stringify(before[p]) !== JSON.stringify(after[p])).map((param) => ({ param, before: before[param], after: after[param] }));
}

const edgeText = (e: DesignEdge): DiffEdge => ({ from: `${e.source.node}.${e.source.port}`, to: `${e.target.node}.${e.target.port}` });

/**
 * What a submission changed against a reference design: nodes added,
 * removed and with changed params (each param before → after), and edges
 * added and removed (edges between matched nodes compare by their match).
 */
export function diffDesigns(reference: DesignDocument, submitted: DesignDocument): DesignDiff {
  const toReference = matchNodes(reference, submitted);
  const matchedReference = new Set(toReference.values());
  const refById = new Map(reference.nodes.map((n) => [n.id, n]));

  const nodesAdded = submitted.nodes.filter((n) => !toReference.has(n.id)).map(({ id, type }) => ({ id, type }));
  const nodesRemoved = reference.nodes.filter((n) => !matchedReference.has(n.id)).map(({ id, type }) => ({ id, type }));
  const nodesChanged = submitted.nodes.flatMap((n): ChangedNode[] => {
    const refId = toReference.get(n.id);
    if (refId === undefined) return [];
    const params = paramChanges(refById.get(refId)!.params, n.params);
    return params.length === 0 ? [] : [{ referenceId: refId, submittedId: n.id, type: n.type, params }];
  });

  // An edge's key in reference ids; a submitted node without a match keeps its own id, marked apart.
  const inReference = (node: string) => toReference.get(node) ?? `\u0000${node}`;
  const key = (e: DesignEdge, map: (node: string) => string) => `${map(e.source.node)}.${e.source.port}>${map(e.target.node)}.${e.target.port}`;
  const referenceKeys = new Set(reference.edges.map((e) => key(e, (n) => n)));
  const submittedKeys = new Set(submitted.edges.map((e) => key(e, inReference)));
  return {
    nodesAdded,
    nodesRemoved,
    nodesChanged,
    edgesAdded: submitted.edges.filter((e) => !referenceKeys.has(key(e, inReference))).map(edgeText),
    edgesRemoved: reference.edges.filter((e) => !submittedKeys.has(key(e, (n) => n))).map(edgeText),
  };
}
