'use client';

import { createContext, useContext } from 'react';
import './block-actions.css';

/** What a block node can do to itself from the canvas; the editor provides it (edits go through the op pipeline). */
export const BlockActions = createContext<{ setCollapsed: (id: string, collapsed: boolean) => void } | null>(null);

/** The button on a block that collapses it to one node, or expands it back to its inside. */
export function CollapseToggle({ id, name, collapsed }: { id: string; name: string; collapsed: boolean }) {
  const actions = useContext(BlockActions);
  if (!actions) return null;
  const label = `${collapsed ? 'Expand' : 'Collapse'} ${name}`;
  return (
    <button
      type="button"
      className="collapse-toggle nodrag"
      aria-label={label}
      title={collapsed ? 'Show the layers inside' : 'Show as one node'}
      aria-expanded={!collapsed}
      onClick={(e) => {
        e.stopPropagation();
        actions.setCollapsed(id, !collapsed);
      }}
    >
      {collapsed ? '▸' : '▾'}
    </button>
  );
}
