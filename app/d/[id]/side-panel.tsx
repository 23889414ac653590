'use client';

import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface SideTab {
  id: string;
  label: string;
  /** A short count or mark shown beside the label (open threads, a running job…). */
  badge?: string | null;
  content: ReactNode;
}

/**
 * The right-hand panel: one tab at a time (inspect, run, train, comments,
 * history). Tabs follow the WAI-ARIA tabs pattern: arrow keys, Home and End
 * move between them.
 */
export function SidePanel({ tabs, current, onChange }: { tabs: SideTab[]; current: string; onChange: (id: string) => void }) {
  const base = useId();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const shown = tabs.find((t) => t.id === current) ?? tabs[0];

  const onKeyDown = (e: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === shown.id);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    onChange(next.id);
    buttons.current.get(next.id)?.focus();
  };

  return (
    <div className="side">
      <div className="side-tabs" role="tablist" aria-label="Panels" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) buttons.current.set(t.id, el);
              else buttons.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={t.id === shown.id}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={t.id === shown.id ? 0 : -1}
            onClick={() => onChange(t.id)}
          >
            {t.label}
            {t.badge ? <span className="tab-badge">{t.badge}</span> : null}
          </button>
        ))}
      </div>
      <div className="side-body" role="tabpanel" id={`${base}-panel-${shown.id}`} aria-labelledby={`${base}-tab-${shown.id}`}>
        {shown.content}
      </div>
    </div>
  );
}
