'use client';

import type { Diagnostic } from '@/lib/design/diagnostics';

const SEVERITY_NAME = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** Every diagnostic of the design; choosing one focuses the node it is about. */
export function ProblemsList({ diagnostics, onFocus }: { diagnostics: Diagnostic[]; onFocus: (nodeId: string) => void }) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <section className="problems" aria-label="Problems">
      <h2>
        Problems <span className="muted">({diagnostics.length === 0 ? 'none' : `${errors} ${errors === 1 ? 'error' : 'errors'}, ${diagnostics.length - errors} other`})</span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="muted">No problems: every shape fits.</p>
      ) : (
        <ul>
          {diagnostics.map((d, i) => (
            <li key={`${d.code}-${d.nodeId ?? d.edgeId ?? ''}-${i}`} data-severity={d.severity}>
              <button type="button" disabled={!d.nodeId} onClick={() => d.nodeId && onFocus(d.nodeId)}>
                <span className="severity">{SEVERITY_NAME[d.severity]}</span> {d.message}
              </button>
              <p className="hint">{d.hint}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
