import { catalogEntry } from '@/lib/design/catalog';
import { MAX_COMMENT_LENGTH, type DesignComment, type DesignDocument } from '@/lib/design/document';

export type ThreadFilter = 'open' | 'all';

/** The threads on one node (or on the design as a whole), labelled for people. */
export interface ThreadGroup {
  nodeId: string | null;
  /** "Multi-head attention: encoder.selfAttn", "The whole design", or "Deleted node enc.ff". */
  name: string;
  /** False when the node has been deleted since (its threads stay, so undo brings both back). */
  onCanvas: boolean;
  threads: DesignComment[];
}

/** How many threads are still open. */
export function openCount(comments: readonly DesignComment[]): number {
  return comments.reduce((n, c) => n + (c.resolved ? 0 : 1), 0);
}

/** Open threads per node, for the badges on the canvas. */
export function openCountsByNode(comments: readonly DesignComment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of comments) if (!c.resolved && c.nodeId) counts.set(c.nodeId, (counts.get(c.nodeId) ?? 0) + 1);
  return counts;
}

/** "1 open comment", "3 open comments". */
export function openCommentsLabel(n: number): string {
  return `${n} open ${n === 1 ? 'comment' : 'comments'}`;
}

/** How a node is named in the comments: as its canvas node is named for screen readers. */
export function nodeName(doc: DesignDocument, nodeId: string | null): string {
  if (nodeId === null) return 'The whole design';
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return `Deleted node ${nodeId}`;
  return `${catalogEntry(node.type)?.displayName ?? node.type}: ${node.label ?? node.id}`;
}

/**
 * The threads to show, grouped by what they discuss: the design first, then
 * nodes in canvas order, then deleted nodes; oldest thread first in a group.
 * `onlyNode` narrows to one node's threads.
 */
export function threadGroups(doc: DesignDocument, filter: ThreadFilter, onlyNode: string | null = null): ThreadGroup[] {
  const shown = doc.comments.filter((c) => (filter === 'all' || !c.resolved) && (onlyNode === null || c.nodeId === onlyNode));
  const order = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const rank = (id: string | null) => (id === null ? -1 : (order.get(id) ?? doc.nodes.length));
  const groups = new Map<string | null, DesignComment[]>();
  for (const c of shown) {
    const list = groups.get(c.nodeId);
    if (list) list.push(c);
    else groups.set(c.nodeId, [c]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || String(a).localeCompare(String(b)))
    .map(([nodeId, threads]) => ({
      nodeId,
      name: nodeName(doc, nodeId),
      onCanvas: nodeId === null || order.has(nodeId),
      threads: [...threads].sort((x, y) => x.at.localeCompare(y.at)),
    }));
}

/** A comment or reply as typed: trimmed, not empty, within the document's limit. */
export function checkCommentText(text: string): { ok: true; text: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, message: 'Write something first.' };
  if (trimmed.length > MAX_COMMENT_LENGTH) {
    return { ok: false, message: `A comment has at most ${MAX_COMMENT_LENGTH} characters (this one has ${trimmed.length}).` };
  }
  return { ok: true, text: trimmed };
}
