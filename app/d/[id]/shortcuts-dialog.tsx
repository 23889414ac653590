'use client';

import './shortcuts-dialog.css';
import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { keyLabel, SHORTCUT_GROUPS } from './shortcuts';
import { typingInField } from './typing-in-field';

/** The "Keyboard shortcuts" header button, and `?` anywhere outside a text field: a modal list of every key. */
export function ShortcutsButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || typingInField(e.target)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button ref={button} type="button" className="ghost" aria-haspopup="dialog" aria-label="Keyboard shortcuts" onClick={() => setOpen(true)} title="Keyboard shortcuts (?)">
        ?
      </button>
      {open && (
        <ShortcutsDialog
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}

/** A native modal dialog: the page behind is inert, Escape closes, and Tab wraps inside. */
function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [mac, setMac] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    setMac(/Mac|iPhone|iPad/.test(navigator.platform));
    d.showModal();
    return () => d.close();
  }, []);

  // Keep Tab inside the dialog (the browser would otherwise leave for its own toolbar).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button, [href], [tabindex]:not([tabindex="-1"])')];
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="shortcuts-dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        if (e.target === dialog.current) onClose(); // a click on the backdrop
      }}
    >
      <div className="shortcuts-body">
        <header>
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button type="button" className="ghost" onClick={onClose} autoFocus>
            Close
          </button>
        </header>
        <div className="shortcut-groups" tabIndex={0} aria-label="Shortcut list">
          {SHORTCUT_GROUPS.map((g) => (
            <section key={g.title} aria-labelledby={`${titleId}-${g.title}`}>
              <h3 id={`${titleId}-${g.title}`}>{g.title}</h3>
              <dl>
                {g.shortcuts.map((s) => (
                  <div key={`${s.keys.join()}-${s.does}`} className="shortcut">
                    <dt>
                      {s.keys.map((chord, i) => (
                        <Fragment key={chord}>
                          {i > 0 && <span className="muted">or</span>}
                          <span className="chord">
                            {keyLabel(chord, mac).map((k, j) => (
                              <Fragment key={j}>
                                {j > 0 && '+'}
                                <kbd>{k}</kbd>
                              </Fragment>
                            ))}
                          </span>
                        </Fragment>
                      ))}
                    </dt>
                    <dd>{s.does}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </dialog>
  );
}
