'use client';

import { useState } from 'react';
import type { LoggedOp } from '@/lib/design/design-state';
import type { CommentReply, DesignComment } from '@/lib/design/document';
import type { Participant } from '@/lib/protocol/messages';
import { CommentComposer } from './comment-composer';
import { newId } from './new-id';
import type { EditOutcome } from './use-design-room';

const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function When({ at }: { at: string }) {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : <time dateTime={at}>{timeFormat.format(date)}</time>;
}

interface Props {
  comment: DesignComment;
  /** What the thread discusses, as named in the panel. */
  subject: string;
  you: Participant | null;
  edit: (op: LoggedOp) => Promise<EditOutcome>;
  /** False for a viewer: the thread is shown without reply, resolve or delete. */
  mayComment?: boolean;
}

/** One thread: the comment, its replies, a reply box, Resolve/Reopen, and Delete for what is yours. */
export function CommentThread({ comment, subject, you, edit, mayComment = true }: Props) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const mine = (item: { authorId?: string }) => mayComment && you !== null && item.authorId === you.id;
  const act = (op: LoggedOp) => {
    setRefusal(null);
    void edit(op).then((outcome) => setRefusal(outcome.ok ? null : outcome.message));
  };
  const reply = (text: string) => {
    const r: CommentReply = { id: newId('r'), author: you?.name ?? 'me', authorId: you?.id, text, at: new Date().toISOString() };
    return edit({ type: 'replyComment', commentId: comment.id, reply: r });
  };
  return (
    <article className="comment-thread" aria-label={`Comment by ${comment.author} on ${subject}`} data-resolved={comment.resolved || undefined}>
      {comment.resolved && (
        <header>
          <span className="resolved-tag">Resolved</span>
        </header>
      )}
      <div className="comment-entry">
        <p className="comment-meta">
          <strong>{comment.author}</strong> <When at={comment.at} />
        </p>
        <p className="comment-text">{comment.text}</p>
      </div>
      {comment.replies.length > 0 && (
        <ol className="comment-replies" aria-label="Replies">
          {comment.replies.map((r) => (
            <li key={r.id} className="comment-entry" aria-label={`Reply by ${r.author}`}>
              <p className="comment-meta">
                <strong>{r.author}</strong> <When at={r.at} />
                {mine(r) && (
                  <button
                    type="button"
                    className="link-button danger"
                    onClick={() => act({ type: 'deleteReply', commentId: comment.id, replyId: r.id })}
                  >
                    Delete reply
                  </button>
                )}
              </p>
              <p className="comment-text">{r.text}</p>
            </li>
          ))}
        </ol>
      )}
      {mayComment && !comment.resolved && <CommentComposer label={`Reply to ${comment.author}`} placeholder="Reply…" submitLabel="Reply" onSubmit={reply} />}
      {mayComment && (
        <div className="thread-actions">
          <button type="button" className="ghost" onClick={() => act({ type: 'resolveComment', id: comment.id, resolved: !comment.resolved })}>
            {comment.resolved ? 'Reopen' : 'Resolve'}
          </button>
          {mine(comment) && (
            <button type="button" className="ghost danger" onClick={() => act({ type: 'deleteComment', id: comment.id })}>
              Delete
            </button>
          )}
        </div>
      )}
      {refusal && (
        <p className="error-text" role="alert">
          Not done: {refusal}
        </p>
      )}
    </article>
  );
}
