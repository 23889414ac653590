'use client';

import './comments.css';
import { useMemo, useState } from 'react';
import type { LoggedOp } from '@/lib/design/design-state';
import type { DesignComment, DesignDocument } from '@/lib/design/document';
import type { Participant } from '@/lib/protocol/messages';
import { CommentComposer } from './comment-composer';
import { CommentThread } from './comment-thread';
import { nodeName, threadGroups, type ThreadFilter } from './comment-threads';
import { newId } from './new-id';
import type { EditOutcome } from './use-design-room';

interface Props {
  /** False for viewers: threads are shown, no new comment is offered. */
  mayComment?: boolean;
  doc: DesignDocument;
  you: Participant | null;
  /** Show only this node's threads (a badge or "Comment on this node" was used), or every thread. */
  onlyNode: string | null;
  onOnlyNode: (id: string | null) => void;
  /** Where a new comment goes when no node is picked: the selected node, or the design. */
  selectedNode: string | null;
  /** Changes whenever the new-comment field should take the focus. */
  composeToken: number;
  edit: (op: LoggedOp) => Promise<EditOutcome>;
  onFocusNode: (id: string) => void;
}

/** The Comments tab: threads grouped by node, open or all, and a field to start one. */
export function CommentsPanel({ doc, you, onlyNode, onOnlyNode, selectedNode, composeToken, edit, onFocusNode, mayComment = true }: Props) {
  const [filter, setFilter] = useState<ThreadFilter>('open');
  const groups = useMemo(() => threadGroups(doc, filter, onlyNode), [doc, filter, onlyNode]);
  const target = onlyNode ?? (selectedNode && doc.nodes.some((n) => n.id === selectedNode) ? selectedNode : null);
  const targetName = nodeName(doc, target);

  const start = (text: string) => {
    const comment: DesignComment = {
      id: newId('c'),
      nodeId: target,
      author: you?.name ?? 'me',
      authorId: you?.id,
      text,
      at: new Date().toISOString(),
      resolved: false,
      replies: [],
    };
    return edit({ type: 'addComment', comment });
  };

  return (
    <section className="comments-panel" aria-label="Comments">
      <div className="comments-toolbar">
        <div role="group" aria-label="Show threads" className="segmented">
          {(['open', 'all'] as const).map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {f === 'open' ? 'Open' : 'All'}
            </button>
          ))}
        </div>
        {onlyNode && (
          <button type="button" className="ghost" onClick={() => onOnlyNode(null)}>
            Show every node
          </button>
        )}
      </div>
      {mayComment && (
        <div className="comments-new">
          <CommentComposer
            key={target ?? 'design'}
            label={target ? `New comment on ${targetName}` : 'New comment on the whole design'}
            placeholder={target ? `Comment on ${targetName}…` : 'Comment on the whole design…'}
            submitLabel="Comment"
            onSubmit={start}
            focusToken={composeToken}
          />
        </div>
      )}
      {groups.length === 0 ? (
        <p className="muted comments-empty">
          {filter === 'open' ? 'No open threads.' : 'No comments yet.'} Select a node and write one above, or use “Comment on this node” in the inspector.
        </p>
      ) : (
        <div className="comment-groups">
          {groups.map((g) => (
            <section key={g.nodeId ?? ''} aria-label={`Threads on ${g.name}`} className="comment-group">
              <h3>
                {g.nodeId && g.onCanvas ? (
                  <button type="button" className="link-button" onClick={() => onFocusNode(g.nodeId!)} aria-label={`Show ${g.name} on the canvas`}>
                    {g.name}
                  </button>
                ) : (
                  g.name
                )}
              </h3>
              {g.threads.map((c) => (
                <CommentThread key={c.id} comment={c} subject={g.name} you={you} edit={edit} mayComment={mayComment} />
              ))}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
