import type { DesignDocument } from '../document.ts';
import { groupIntoBlock, restoreBlock, setBlockParam, ungroup } from './blocks.ts';
import { addComment, deleteComment, deleteReply, replyComment, resolveComment } from './comments.ts';
import { connect, disconnect } from './edges.ts';
import { addNodes, moveNodes, removeNodes, renameNode, setParams } from './nodes.ts';
import type { DesignOp, OpRefusal, OpResult } from './schema.ts';
import { setSettings } from './settings.ts';

/**
 * Applies one edit. Pure: the given document is never modified. Returns the
 * new document and the op that undoes the edit, or a refusal with a reason,
 * in which case nothing changed.
 */
export function applyOp(doc: DesignDocument, op: DesignOp): OpResult<DesignDocument> {
  switch (op.type) {
    case 'addNode':
      return addNodes(doc, [op.node], []);
    case 'addNodes':
      return addNodes(doc, op.nodes, op.edges, op.placement, op.settings);
    case 'removeNodes':
      return removeNodes(doc, op.ids, op.settings);
    case 'moveNodes':
      return moveNodes(doc, op.moves);
    case 'setParams':
      return setParams(doc, op.id, op.params);
    case 'connect':
      return connect(doc, op.edge, op.index);
    case 'disconnect':
      return disconnect(doc, op.id);
    case 'renameNode':
      return renameNode(doc, op.id, op.label);
    case 'groupIntoBlock':
      return groupIntoBlock(doc, op);
    case 'ungroup':
      return ungroup(doc, op.id, op.positions);
    case 'restoreBlock':
      return restoreBlock(doc, op);
    case 'setBlockRepeat':
      return setBlockParam(doc, op.id, 'repeat', op.repeat);
    case 'setBlockCollapsed':
      return setBlockParam(doc, op.id, 'collapsed', op.collapsed);
    case 'setSettings':
      return setSettings(doc, op.settings);
    case 'addComment':
      return addComment(doc, op.comment, op.index);
    case 'replyComment':
      return replyComment(doc, op.commentId, op.reply, op.index);
    case 'resolveComment':
      return resolveComment(doc, op.id, op.resolved);
    case 'deleteComment':
      return deleteComment(doc, op.id);
    case 'deleteReply':
      return deleteReply(doc, op.commentId, op.replyId);
  }
}

/** The op that undoes `op` on `doc`, or the reason `op` cannot be applied to it. */
export function invertOp(doc: DesignDocument, op: DesignOp): { ok: true; op: DesignOp } | OpRefusal {
  const result = applyOp(doc, op);
  return result.ok ? { ok: true, op: result.inverse } : result;
}
