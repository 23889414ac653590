'use client';

import { useState, type ReactNode } from 'react';
import { catalogEntry } from '@/lib/design/catalog';
import type { Diagnostic } from '@/lib/design/diagnostics';
import type { DesignNode } from '@/lib/design/document';
import type { NodeShapes } from '@/lib/design/validate';
import type { NodeCost } from '@/lib/compile/count';
import { formatCount, formatFlops, formatShape } from './format';
import { paramFields } from './param-fields';
import { ParamInput } from './param-input';
import type { EditOutcome } from './use-design-room';

interface Props {
  node: DesignNode | null;
  selectedCount: number;
  shapes: NodeShapes | undefined;
  cost: NodeCost | undefined;
  problems: Diagnostic[];
  onSetParams: (id: string, params: Record<string, unknown>) => Promise<EditOutcome>;
  /** Shown, not editable (a viewer or commenter). */
  readOnly?: boolean;
  /** More things to do with the node (comment on it…), shown under its name. */
  actions?: ReactNode;
}

function ShapeList({ title, shapes }: { title: string; shapes: Record<string, { shape: number[] }> | undefined }) {
  const entries = Object.entries(shapes ?? {});
  return (
    <div className="shape-list">
      <h4>{title}</h4>
      {entries.length === 0 ? (
        <p className="muted">unknown</p>
      ) : (
        <ul>
          {entries.map(([port, s]) => (
            <li key={port}>
              <span>{port}</span> <code>{formatShape(s.shape)}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The selected node: a form generated from its catalog schema, what the layer does, and what flows through it. */
export function Inspector({ node, selectedCount, shapes, cost, problems, onSetParams, actions, readOnly = false }: Props) {
  const [refusal, setRefusal] = useState<{ nodeId: string; message: string } | null>(null);
  if (!node) {
    return (
      <section className="inspector" aria-label="Inspector">
        <h2>Inspector</h2>
        <p className="muted">{selectedCount > 1 ? `${selectedCount} nodes selected.` : 'Select a node to see and edit its parameters.'}</p>
      </section>
    );
  }
  const entry = catalogEntry(node.type);
  const change = async (name: string, value: unknown) => {
    setRefusal(null);
    const outcome = await onSetParams(node.id, { [name]: value });
    if (!outcome.ok) setRefusal({ nodeId: node.id, message: outcome.message });
  };
  return (
    <section className="inspector" aria-label="Inspector">
      <h2>{entry?.displayName ?? node.type}</h2>
      <p className="muted node-id">
        {node.label ? `${node.label} · ` : ''}
        {node.id}
      </p>
      {actions}
      <form onSubmit={(e) => e.preventDefault()} aria-label="Parameters">
        <fieldset className="param-fieldset" disabled={readOnly}>
          {paramFields(node.type).map((f) => (
            <ParamInput key={`${node.id}:${f.name}:${String(node.params[f.name])}`} field={f} value={node.params[f.name]} onChange={(v) => change(f.name, v)} />
          ))}
        </fieldset>
      </form>
      {refusal?.nodeId === node.id && (
        <p className="error-text" role="alert">
          Not changed: {refusal.message}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="node-problems">
          {problems.map((d, i) => (
            <li key={i} data-severity={d.severity}>
              {d.message}
            </li>
          ))}
        </ul>
      )}
      <div className="shapes">
        <ShapeList title="Inputs" shapes={shapes?.inputs} />
        <ShapeList title="Outputs" shapes={shapes?.outputs} />
      </div>
      <p className="cost">
        Parameters <strong>{cost ? formatCount(cost.params) : '—'}</strong>
        {cost && cost.flops > 0 && (
          <>
            {' '}
            · FLOPs <strong>{formatFlops(cost.flops)}</strong>
          </>
        )}
      </p>
      {entry && <p className="teaching">{entry.teaching}</p>}
    </section>
  );
}
