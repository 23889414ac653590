'use client';

import { useEffect, useRef, useState } from 'react';
import { MAX_TITLE_LENGTH } from '@/lib/design/title';
import type { EditOutcome } from './use-design-room';

type Props = { title: string; onRename: (title: string) => Promise<EditOutcome> };

/** The design's title, renamed in place: Enter or leaving the field saves, Escape cancels. */
export function TitleEditor({ title, onRename }: Props) {
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
    const outcome = await onRename(next);
    setState(outcome.ok ? { kind: 'saved' } : { kind: 'error', message: `Not renamed: ${outcome.message}` });
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
