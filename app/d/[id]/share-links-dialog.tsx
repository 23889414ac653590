'use client';

import './share-button.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LinkRole } from '@/lib/protocol/access';
import type { ShareLinkInfo, Visibility } from '@/lib/protocol/http';

const ROLE_WORDS: Record<LinkRole, string> = { view: 'Can view', comment: 'Can comment', edit: 'Can edit' };
const EXPIRIES = [
  { label: 'Never', hours: undefined },
  { label: '1 hour', hours: 1 },
  { label: '1 day', hours: 24 },
  { label: '7 days', hours: 24 * 7 },
] as const;

const linkUrl = (token: string) => `${window.location.origin}/s/${token}`;

/** The owner's sharing: create a link with a role and an expiry, copy it, see who joined through it, revoke it. */
export function ShareLinksDialog({ designId }: { designId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [links, setLinks] = useState<ShareLinkInfo[] | null>(null);
  const [role, setRole] = useState<LinkRole>('view');
  const [expiry, setExpiry] = useState(0);
  const [said, setSaid] = useState('');
  const [visibility, setVisibility] = useState<Visibility | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/designs/${encodeURIComponent(designId)}/links`;

  const call = useCallback(async <T,>(url: string, init?: RequestInit): Promise<T | null> => {
    setError(null);
    const res = await fetch(url, init).catch(() => null);
    const body = res && ((await res.json().catch(() => null)) as (T & { ok: boolean; message?: string }) | null);
    if (!body?.ok) {
      setError(body?.message ?? 'The server could not be reached.');
      return null;
    }
    return body;
  }, []);

  const load = useCallback(async () => {
    const body = await call<{ links: ShareLinkInfo[] }>(base);
    if (body) setLinks(body.links);
    const seen = await call<{ visibility: Visibility }>(`/api/designs/${encodeURIComponent(designId)}/visibility`);
    if (seen) setVisibility(seen.visibility);
  }, [base, call, designId]);

  const changeVisibility = async (next: Visibility) => {
    const body = await call<{ visibility: Visibility }>(`/api/designs/${encodeURIComponent(designId)}/visibility`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visibility: next }),
    });
    if (body) {
      setVisibility(body.visibility);
      setSaid(body.visibility === 'link-view' ? 'Anyone with the address can now view' : 'Only members can open it now');
    }
  };

  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(() => setSaid(''), 3000);
    return () => clearTimeout(timer);
  }, [said]);

  const open = () => {
    dialog.current?.showModal();
    void load();
  };
  const create = async () => {
    const body = await call<{ link: ShareLinkInfo }>(base, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, expiresInHours: EXPIRIES[expiry].hours }),
    });
    if (!body) return;
    setLinks((list) => [body.link, ...(list ?? [])]);
    await copy(linkUrl(body.link.token), `${ROLE_WORDS[body.link.role]} link created and copied`);
  };
  const revoke = async (link: ShareLinkInfo) => {
    if (await call(`${base}/${encodeURIComponent(link.id)}`, { method: 'DELETE' })) {
      setLinks((list) => (list ?? []).filter((l) => l.id !== link.id));
      setSaid(`${ROLE_WORDS[link.role]} link revoked`);
    }
  };
  const copy = async (url: string, done = 'Link copied') => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setSaid(done);
    } catch {
      setSaid(`${done.replace(' and copied', '')}: copy it from the list`);
    }
  };

  return (
    <div className="share">
      <button type="button" className="ghost" onClick={open} title="Share this design with a link">
        Share
      </button>
      <dialog ref={dialog} className="share-dialog" aria-labelledby="share-dialog-title">
        <h2 id="share-dialog-title">Share this design</h2>
        <p className="muted">Whoever opens a link becomes a member with its role. Revoking a link removes them at once.</p>
        <form
          className="share-create"
          aria-label="New share link"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label>
            <span>Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value as LinkRole)}>
              {(Object.keys(ROLE_WORDS) as LinkRole[]).map((r) => (
                <option key={r} value={r}>
                  {ROLE_WORDS[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Expires</span>
            <select value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
              {EXPIRIES.map((x, i) => (
                <option key={x.label} value={i}>
                  {x.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Create link</button>
        </form>
        <p className="share-said" role="status">
          {said}
        </p>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <label className="share-visibility">
          <input
            type="checkbox"
            checked={visibility === 'link-view'}
            disabled={visibility === null}
            onChange={(e) => void changeVisibility(e.target.checked ? 'link-view' : 'private')}
          />
          <span>Anyone with this design&apos;s address can view it (otherwise only members can open it)</span>
        </label>
        <h3>Links in force</h3>
        {links === null ? (
          <p className="muted">Loading…</p>
        ) : links.length === 0 ? (
          <p className="muted">No links yet: only you can open this design.</p>
        ) : (
          <ul className="share-links" aria-label="Share links">
            {links.map((link) => (
              <li key={link.id}>
                <span className="share-link-role">{ROLE_WORDS[link.role]}</span>
                <input type="text" readOnly value={linkUrl(link.token)} aria-label={`${ROLE_WORDS[link.role]} link`} onFocus={(e) => e.currentTarget.select()} />
                <span className="muted">
                  {link.members} joined · {link.expiresAt ? `expires ${new Date(link.expiresAt).toLocaleString()}` : 'no expiry'}
                </span>
                <button type="button" className="ghost" onClick={() => void copy(linkUrl(link.token))}>
                  Copy
                </button>
                <button type="button" className="ghost danger" onClick={() => void revoke(link)} aria-label={`Revoke ${ROLE_WORDS[link.role].toLowerCase()} link`}>
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="share-dialog-end">
          <button type="button" className="ghost" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </dialog>
    </div>
  );
}
