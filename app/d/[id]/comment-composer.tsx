'use client';

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_COMMENT_LENGTH } from '@/lib/design/document';
import { checkCommentText } from './comment-threads';
import type { EditOutcome } from './use-design-room';

interface Props {
  /** The text field's accessible name ("New comment on …", "Reply"). */
  label: string;
  submitLabel: string;
  onSubmit: (text: string) => Promise<EditOutcome>;
  /** Changes whenever the field should take the focus. */
  focusToken?: number;
  placeholder?: string;
}

/** A text field for a comment or a reply: checked against the document's limit, posted with the button or Ctrl/Cmd+Enter. */
export function CommentComposer({ label, submitLabel, onSubmit, focusToken, placeholder }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();

  useEffect(() => {
    if (focusToken) field.current?.focus();
  }, [focusToken]);

  const post = async (e?: FormEvent) => {
    e?.preventDefault();
    const checked = checkCommentText(text);
    if (!checked.ok) return setError(checked.message);
    setError(null);
    setBusy(true);
    const outcome = await onSubmit(checked.text);
    setBusy(false);
    if (outcome.ok) setText('');
    else setError(`Not posted: ${outcome.message}`);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void post();
  };

  const left = MAX_COMMENT_LENGTH - text.length;
  return (
    <form className="comment-composer" onSubmit={post}>
      <textarea
        ref={field}
        aria-label={label}
        aria-describedby={hintId}
        aria-invalid={error ? true : undefined}
        placeholder={placeholder ?? label}
        value={text}
        maxLength={MAX_COMMENT_LENGTH}
        rows={2}
        onChange={(e) => {
          setText(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="composer-row">
        <span id={hintId} className="muted composer-hint" data-near-limit={left < 100 || undefined}>
          {text.length} / {MAX_COMMENT_LENGTH} characters
        </span>
        <button type="submit" disabled={busy || text.trim() === ''}>
          {submitLabel}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
