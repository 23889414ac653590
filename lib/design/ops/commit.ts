import { connectionProblem } from '../connection.ts';
import { MAX_COMMENTS, MAX_EDGES, MAX_NODES, type DesignDocument, type DesignNode } from '../document.ts';
import { indexDesign, nodesOnCycles } from '../graph.ts';
import { structureProblem } from '../integrity.ts';
import type { DesignOp, OpRefusal, OpRefusalCode, OpResult } from './schema.ts';

/** A refused op. */
export function refuse(code: OpRefusalCode, message: string): OpRefusal {
  return { ok: false, code, message };
}

export interface CommitChecks {
  /** Edges added or rewired: each must be a valid connection. */
  edges?: readonly string[];
  /** Nodes or parents changed: re-check ids, parents and every edge's structure. */
  structure?: boolean;
  /** Dependencies may have grown: refuse any cycle the op creates. */
  cycles?: boolean;
}

/**
 * Accepts a candidate document after the checks its op needs. Cycles that
 * were already there (in a loaded file) do not block unrelated edits; only
 * new ones refuse the op.
 */
export function commit(before: DesignDocument, after: DesignDocument, inverse: DesignOp, checks: CommitChecks = {}): OpResult<DesignDocument> {
  if (after.nodes.length > MAX_NODES) return refuse('too-large', `a design has at most ${MAX_NODES} nodes`);
  if (after.edges.length > MAX_EDGES) return refuse('too-large', `a design has at most ${MAX_EDGES} edges`);
  if (after.comments.length > MAX_COMMENTS) return refuse('too-large', `a design has at most ${MAX_COMMENTS} comments`);
  const ix = indexDesign(after);
  if (checks.cycles) {
    const cyclic = nodesOnCycles(ix);
    if (cyclic.length > 0) {
      const already = new Set(nodesOnCycles(indexDesign(before)).map((n) => n.id));
      const fresh = cyclic.filter((n) => !already.has(n.id));
      if (fresh.length > 0) return refuse('cycle', `this would make a cycle through ${fresh.map((n) => `'${n.id}'`).join(', ')}`);
    }
  }
  for (const id of checks.edges ?? []) {
    const edge = ix.edges.get(id);
    if (!edge) continue;
    const problem = connectionProblem(ix, edge);
    if (problem) return refuse(problem.code, problem.message);
  }
  if (checks.structure) {
    const problem = structureProblem(after, ix);
    if (problem) return refuse(problem.code, problem.message);
  }
  return { ok: true, doc: after, inverse };
}

/**
 * Inserts items at their original indices (ascending, so earlier inserts do
 * not shift later ones), or appends them when no indices are given.
 */
export function insertAt<T>(list: readonly T[], items: readonly T[], indices?: readonly number[]): T[] {
  const result = list.slice();
  if (!indices) {
    result.push(...items);
    return result;
  }
  const order = items.map((item, i) => ({ item, index: indices[i] ?? Number.MAX_SAFE_INTEGER })).sort((a, b) => a.index - b.index);
  for (const { item, index } of order) result.splice(Math.min(index, result.length), 0, item);
  return result;
}

/** A node with some fields replaced; `undefined` removes an optional field rather than storing it. */
export function withNode(node: DesignNode, changes: Partial<DesignNode>): DesignNode {
  const next = { ...node, ...changes };
  if (next.label === undefined) delete next.label;
  if (next.parentId === undefined) delete next.parentId;
  return next;
}

/** The document's nodes with the listed ones replaced by id. */
export function replaceNodes(doc: DesignDocument, replacements: ReadonlyMap<string, DesignNode>): DesignNode[] {
  return doc.nodes.map((n) => replacements.get(n.id) ?? n);
}
