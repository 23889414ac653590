'use client';

import './share-button.css';
import { useEffect, useRef, useState } from 'react';
import { ShareLinksDialog } from './share-links-dialog';

const SAID_MS = 3000;

/**
 * Copies the design's address so others who are members can open it. When the
 * browser will not write to the clipboard (an insecure page, a refusal), the
 * link is shown selected in a read-only field to copy by hand. The owner gets
 * the share-links dialog instead: links that make people members, with a role.
 */
export function ShareButton({ designId, owner = false }: { designId: string; owner?: boolean }) {
  if (owner) return <ShareLinksDialog designId={designId} />;
  return <CopyPageLink />;
}

function CopyPageLink() {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; url: string }>({ kind: 'idle' });
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.kind === 'copied') {
      const timer = setTimeout(() => setState({ kind: 'idle' }), SAID_MS);
      return () => clearTimeout(timer);
    }
    if (state.kind === 'manual') field.current?.select();
  }, [state]);

  const share = async () => {
    const url = window.location.href;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'manual', url });
    }
  };

  return (
    <div className="share">
      <button type="button" className="ghost" onClick={() => void share()} title="Copy the link to this design">
        Share
      </button>
      <span className="share-said" role="status">
        {state.kind === 'copied' ? 'Link copied' : ''}
      </span>
      {state.kind === 'manual' && (
        <div className="share-fallback" role="group" aria-label="Share link">
          <label>
            <span>Copy this link (Ctrl/Cmd+C):</span>
            <input ref={field} type="text" readOnly value={state.url} aria-label="Link to this design" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" className="ghost" onClick={() => setState({ kind: 'idle' })}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}
