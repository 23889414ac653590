'use client';

import { createContext, useContext } from 'react';
import { openCommentsLabel } from './comment-threads';

/** What the canvas nodes need to show their open threads: counts by node id, and how to open a node's threads. */
export const NodeComments = createContext<{ counts: ReadonlyMap<string, number>; open: (nodeId: string) => void } | null>(null);

/** A node's open-thread count, shown on the node; a click opens its threads in the Comments tab. */
export function CommentBadge({ nodeId }: { nodeId: string }) {
  const comments = useContext(NodeComments);
  const count = comments?.counts.get(nodeId) ?? 0;
  if (!comments || count === 0) return null;
  const label = openCommentsLabel(count);
  return (
    <button
      type="button"
      className="comment-badge nodrag"
      aria-label={label}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        comments.open(nodeId);
      }}
    >
      <svg width="11" height="11" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M2 2h12v9H6l-4 3z" fill="currentColor" />
      </svg>
      {count}
    </button>
  );
}
