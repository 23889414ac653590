import { MAX_REPLIES, type CommentReply, type DesignComment, type DesignDocument } from '../document.ts';
import { commit, insertAt, refuse } from './commit.ts';
import type { OpResult } from './schema.ts';

type Result = OpResult<DesignDocument>;

/**
 * Adds a comment on a node or on the design. A fresh comment must name an
 * existing node; a restored one (with an index, from undo) may name a node
 * deleted since, because comments outlive the nodes they discuss.
 */
export function addComment(doc: DesignDocument, comment: DesignComment, index?: number): Result {
  if (doc.comments.some((c) => c.id === comment.id)) return refuse('duplicate-id', `there is already a comment '${comment.id}'`);
  if (index === undefined && comment.nodeId !== null && !doc.nodes.some((n) => n.id === comment.nodeId)) {
    return refuse('unknown-node', `there is no node '${comment.nodeId}' to comment on`);
  }
  const copy: DesignComment = { ...comment, replies: comment.replies.map((r) => ({ ...r })) };
  const after = { ...doc, comments: insertAt(doc.comments, [copy], index === undefined ? undefined : [index]) };
  return commit(doc, after, { type: 'deleteComment', id: comment.id });
}

/** Deletes a comment with its replies. */
export function deleteComment(doc: DesignDocument, id: string): Result {
  const index = doc.comments.findIndex((c) => c.id === id);
  if (index < 0) return refuse('unknown-comment', `there is no comment '${id}'`);
  return commit(doc, { ...doc, comments: doc.comments.filter((_, i) => i !== index) }, { type: 'addComment', comment: doc.comments[index], index });
}

/** Adds a reply to a comment's thread. */
export function replyComment(doc: DesignDocument, commentId: string, reply: CommentReply, index?: number): Result {
  return updateComment(doc, commentId, (comment) => {
    if (comment.replies.some((r) => r.id === reply.id)) return refuse('duplicate-id', `there is already a reply '${reply.id}'`);
    if (comment.replies.length >= MAX_REPLIES) return refuse('too-large', `a comment has at most ${MAX_REPLIES} replies`);
    const replies = insertAt(comment.replies, [{ ...reply }], index === undefined ? undefined : [index]);
    return { comment: { ...comment, replies }, inverse: { type: 'deleteReply', commentId, replyId: reply.id } };
  });
}

/** Deletes one reply. */
export function deleteReply(doc: DesignDocument, commentId: string, replyId: string): Result {
  return updateComment(doc, commentId, (comment) => {
    const index = comment.replies.findIndex((r) => r.id === replyId);
    if (index < 0) return refuse('unknown-comment', `comment '${commentId}' has no reply '${replyId}'`);
    return {
      comment: { ...comment, replies: comment.replies.filter((_, i) => i !== index) },
      inverse: { type: 'replyComment', commentId, reply: comment.replies[index], index },
    };
  });
}

/** Marks a comment thread resolved or open again. */
export function resolveComment(doc: DesignDocument, id: string, resolved: boolean): Result {
  return updateComment(doc, id, (comment) => ({
    comment: { ...comment, resolved },
    inverse: { type: 'resolveComment', id, resolved: comment.resolved },
  }));
}

function updateComment(
  doc: DesignDocument,
  id: string,
  change: (comment: DesignComment) => { comment: DesignComment; inverse: Parameters<typeof commit>[2] } | ReturnType<typeof refuse>,
): Result {
  const index = doc.comments.findIndex((c) => c.id === id);
  if (index < 0) return refuse('unknown-comment', `there is no comment '${id}'`);
  const changed = change(doc.comments[index]);
  if ('ok' in changed) return changed;
  const comments = doc.comments.map((c, i) => (i === index ? changed.comment : c));
  return commit(doc, { ...doc, comments }, changed.inverse);
}
