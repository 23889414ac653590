import type { LoggedOp } from './design-state.ts';
import type { CommentReply, DesignComment, DesignDocument } from './document.ts';
import type { OpRefusal } from './ops/index.ts';

/** The person an edit comes from, as the server knows them (never as the client says). */
export interface CommentAuthor {
  id: string;
  name: string;
}

const REMEMBERED = 500;

/**
 * Comments and replies that accepted edits removed, so that an undo can put
 * back exactly what was there — and nothing made up in its place.
 */
export class RemovedComments {
  private readonly items = new Map<string, DesignComment | CommentReply>();

  constructor(private readonly capacity = REMEMBERED) {}

  /** Remembers what `op` removes from `doc`; call it before the op is applied. */
  note(doc: DesignDocument, op: LoggedOp): void {
    if (op.type === 'deleteComment') {
      const comment = doc.comments.find((c) => c.id === op.id);
      if (comment) this.remember(commentKey(op.id), comment);
    } else if (op.type === 'deleteReply') {
      const reply = doc.comments.find((c) => c.id === op.commentId)?.replies.find((r) => r.id === op.replyId);
      if (reply) this.remember(replyKey(op.commentId, op.replyId), reply);
    }
  }

  /** True when `comment` is, field for field, one that was removed. */
  hadComment(comment: DesignComment): boolean {
    const was = this.items.get(commentKey(comment.id));
    return was !== undefined && 'replies' in was && sameComment(was, comment);
  }

  /** True when `reply` is, field for field, one that was removed from that thread. */
  hadReply(commentId: string, reply: CommentReply): boolean {
    const was = this.items.get(replyKey(commentId, reply.id));
    return was !== undefined && sameReply(was, reply);
  }

  private remember(key: string, item: DesignComment | CommentReply): void {
    this.items.delete(key);
    this.items.set(key, item);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value!);
  }
}

/**
 * A comment edit as the server accepts it: a new comment or reply gets its
 * author and time from the server; only the author may delete what they
 * wrote; an undo may only put back what was removed, unchanged. Other ops
 * pass through as they are.
 */
export function authorCommentOp(
  doc: DesignDocument,
  op: LoggedOp,
  author: CommentAuthor,
  now: string,
  removed: RemovedComments,
): { ok: true; op: LoggedOp } | OpRefusal {
  switch (op.type) {
    case 'addComment': {
      if (op.index !== undefined) {
        return removed.hadComment(op.comment) ? { ok: true, op } : notRestorable('comment');
      }
      if (op.comment.replies.length > 0 || op.comment.resolved) {
        return { ok: false, code: 'bad-op', message: 'a new comment starts open, with no replies' };
      }
      return { ok: true, op: { ...op, comment: { ...op.comment, author: author.name, authorId: author.id, at: now } } };
    }
    case 'replyComment': {
      if (op.index !== undefined) {
        return removed.hadReply(op.commentId, op.reply) ? { ok: true, op } : notRestorable('reply');
      }
      return { ok: true, op: { ...op, reply: { ...op.reply, author: author.name, authorId: author.id, at: now } } };
    }
    case 'deleteComment': {
      const comment = doc.comments.find((c) => c.id === op.id);
      return comment ? onlyTheAuthor(comment, author, op, 'comment') : { ok: true, op };
    }
    case 'deleteReply': {
      const reply = doc.comments.find((c) => c.id === op.commentId)?.replies.find((r) => r.id === op.replyId);
      return reply ? onlyTheAuthor(reply, author, op, 'reply') : { ok: true, op };
    }
    default:
      return { ok: true, op };
  }
}

/** Comments from files made before authors had ids belong to no one in particular, so anyone may remove them. */
function onlyTheAuthor(item: { author: string; authorId?: string }, author: CommentAuthor, op: LoggedOp, what: string) {
  if (item.authorId === undefined || item.authorId === author.id) return { ok: true as const, op };
  return { ok: false as const, code: 'not-author' as const, message: `only ${item.author} can delete this ${what}` };
}

function notRestorable(what: string): OpRefusal {
  return { ok: false, code: 'not-restorable', message: `only a ${what} deleted from this design can be put back, unchanged` };
}

function commentKey(id: string): string {
  return `c\u0000${id}`;
}

function replyKey(commentId: string, replyId: string): string {
  return `r\u0000${commentId}\u0000${replyId}`;
}

function sameReply(a: CommentReply, b: CommentReply): boolean {
  return a.id === b.id && a.author === b.author && a.authorId === b.authorId && a.text === b.text && a.at === b.at;
}

function sameComment(a: DesignComment, b: DesignComment): boolean {
  return (
    a.id === b.id &&
    a.nodeId === b.nodeId &&
    a.author === b.author &&
    a.authorId === b.authorId &&
    a.text === b.text &&
    a.at === b.at &&
    a.resolved === b.resolved &&
    a.replies.length === b.replies.length &&
    a.replies.every((r, i) => sameReply(r, b.replies[i]))
  );
}
