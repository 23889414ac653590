'use client';

import { useState } from 'react';
import type { ParamField } from './param-fields';

interface Props {
  field: ParamField;
  value: unknown;
  onChange: (value: unknown) => void;
}

/** One param of the inspector: numbers commit on Enter or leaving the field, choices and switches at once. */
export function ParamInput({ field, value, onChange }: Props) {
  const [draft, setDraft] = useState(value === null || value === undefined ? '' : String(value));
  const id = `param-${field.name}`;

  if (field.kind === 'boolean') {
    return (
      <div className="field field-check">
        <input id={id} type="checkbox" role="switch" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{field.name}</label>
      </div>
    );
  }
  if (field.kind === 'enum') {
    return (
      <div className="field">
        <label htmlFor={id}>{field.name}</label>
        <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
    );
  }

  const commit = () => {
    const text = draft.trim();
    if (field.kind === 'node-ref') {
      const next = text === '' ? null : text;
      if (next !== value) onChange(next);
      return;
    }
    const next = Number(text);
    if (text === '' || !Number.isFinite(next)) return setDraft(String(value));
    if (next !== value) onChange(next);
  };
  const range = field.kind === 'number' ? [field.min, field.max].filter((v) => v !== undefined) : [];
  return (
    <div className="field">
      <label htmlFor={id}>{field.name}</label>
      <input
        id={id}
        type={field.kind === 'number' ? 'number' : 'text'}
        {...(field.kind === 'number' ? { min: field.min, max: field.max, step: field.integer ? 1 : 'any' } : { placeholder: 'none' })}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(value === null || value === undefined ? '' : String(value));
        }}
        title={range.length === 2 ? `${range[0]} to ${range[1]}` : undefined}
      />
    </div>
  );
}
