import type { DesignDocument, DesignEdge } from '../document.ts';
import { commit, insertAt, refuse } from './commit.ts';
import type { OpResult } from './schema.ts';

type Result = OpResult<DesignDocument>;

/** Adds an edge from an output to an input (or through a block's boundary). */
export function connect(doc: DesignDocument, edge: DesignEdge, index?: number): Result {
  if (doc.edges.some((e) => e.id === edge.id)) return refuse('duplicate-id', `there is already an edge '${edge.id}'`);
  const copy = { id: edge.id, source: { ...edge.source }, target: { ...edge.target } };
  const after = { ...doc, edges: insertAt(doc.edges, [copy], index === undefined ? undefined : [index]) };
  return commit(doc, after, { type: 'disconnect', id: edge.id }, { edges: [edge.id], cycles: true });
}

/** Removes one edge. */
export function disconnect(doc: DesignDocument, id: string): Result {
  const index = doc.edges.findIndex((e) => e.id === id);
  if (index < 0) return refuse('unknown-edge', `there is no edge '${id}'`);
  const after = { ...doc, edges: doc.edges.filter((_, i) => i !== index) };
  return commit(doc, after, { type: 'connect', edge: doc.edges[index], index });
}
