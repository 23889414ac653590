import { BLOCK_TYPE } from './catalog/index.ts';
import { resolveEdge } from './connection.ts';
import { MAX_BLOCK_DEPTH, type DesignDocument } from './document.ts';
import type { DesignIndex } from './graph.ts';

/** A structural flaw that makes a document unusable, with the JSON path of the culprit. */
export interface StructureProblem {
  code: 'duplicate-id' | 'unknown-parent' | 'block-too-deep' | 'bad-edge';
  message: string;
  path: (string | number)[];
}

/**
 * The invariants every stored document keeps and every operation preserves:
 * unique ids, parents that are blocks (nested at most MAX_BLOCK_DEPTH deep),
 * and edges whose ends exist, lie in one scope and point the right way.
 * Cycles, kinds and doubly-fed inputs are left to the validator, which
 * reports them on the canvas instead of refusing the file.
 */
export function structureProblem(doc: DesignDocument, ix: DesignIndex): StructureProblem | null {
  const nodeIds = new Set<string>();
  for (const [i, node] of doc.nodes.entries()) {
    if (nodeIds.has(node.id)) return { code: 'duplicate-id', message: `two nodes have the id '${node.id}'`, path: ['nodes', i, 'id'] };
    nodeIds.add(node.id);
  }
  for (const [i, node] of doc.nodes.entries()) {
    if (node.parentId === undefined) continue;
    const parent = ix.nodes.get(node.parentId);
    if (!parent || parent.type !== BLOCK_TYPE) {
      return { code: 'unknown-parent', message: `node '${node.id}' sits in '${node.parentId}', which is not a block of this design`, path: ['nodes', i, 'parentId'] };
    }
    let depth = 1;
    for (let p = parent; p.parentId !== undefined; p = ix.nodes.get(p.parentId)!) {
      if (++depth > MAX_BLOCK_DEPTH || p.parentId === node.id) {
        return { code: 'block-too-deep', message: `node '${node.id}' is nested more than ${MAX_BLOCK_DEPTH} blocks deep (or in a loop of blocks)`, path: ['nodes', i, 'parentId'] };
      }
      if (!ix.nodes.has(p.parentId)) break; // reported when that node's own parent is checked
    }
  }
  const edgeIds = new Set<string>();
  for (const [i, edge] of doc.edges.entries()) {
    if (edgeIds.has(edge.id)) return { code: 'duplicate-id', message: `two edges have the id '${edge.id}'`, path: ['edges', i, 'id'] };
    edgeIds.add(edge.id);
    const resolved = resolveEdge(ix, edge);
    if (!resolved.ok && resolved.code !== 'cycle') return { code: 'bad-edge', message: resolved.message, path: ['edges', i] };
  }
  const commentIds = new Set<string>();
  for (const [i, comment] of doc.comments.entries()) {
    if (commentIds.has(comment.id)) return { code: 'duplicate-id', message: `two comments have the id '${comment.id}'`, path: ['comments', i, 'id'] };
    commentIds.add(comment.id);
    const replyIds = new Set<string>();
    for (const [j, reply] of comment.replies.entries()) {
      if (replyIds.has(reply.id)) return { code: 'duplicate-id', message: `two replies of comment '${comment.id}' have the id '${reply.id}'`, path: ['comments', i, 'replies', j, 'id'] };
      replyIds.add(reply.id);
    }
  }
  return null;
}
