'use client';

import { useEffect, useRef, useState } from 'react';
import { MAX_TITLE_LENGTH } from '@/lib/design/title';

type Props = { designId: string; title: string; onSaved: (title: string) => void };

/** The design's title, renamed in place: Enter or leaving the field saves, Escape cancels. */
export function TitleEditor({ designId, title, onSaved }: Props) {
  const [draft, setDraft] = useState(title);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const editing = useRef(false);

  // A rename by someone else shows up unless this person is typing.
  useEffect(() => {
    if (!editing.current) setDraft(title);
  }, [title]);

  async function save() {
    editing.current = false;
    const next = draft.replace(/\s+/g, ' ').trim();
    if (next === title) return setDraft(title);
    if (next === '') {
      setDraft(title);
      return setState({ kind: 'error', message: 'A title cannot be empty.' });
    }
    setState({ kind: 'saving' });
    try {
      const res = await fetch(`/api/designs/${designId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: next }),
      });
      const body = (await res.json()) as { ok: boolean; design?: { title: string }; message?: string };
      if (!res.ok || !body.design) throw new Error(body.message ?? `The server answered ${res.status}`);
      onSaved(body.design.title);
      setDraft(body.design.title);
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: `Not renamed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  return (
    <>
      <input
        className="title-input"
        aria-label="Design title"
        value={draft}
        maxLength={MAX_TITLE_LENGTH}
        onChange={(e) => {
          editing.current = true;
          setDraft(e.target.value);
          setState({ kind: 'idle' });
        }}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            editing.current = false;
            setDraft(title);
            e.currentTarget.blur();
          }
        }}
      />
      <span className="title-status" role="status" aria-live="polite">
        {state.kind === 'saving' ? 'Saving…' : state.kind === 'saved' ? 'Saved' : state.kind === 'error' ? state.message : ''}
      </span>
    </>
  );
}
