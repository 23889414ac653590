'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import './workshop.css';

/** Join a workshop with a display name: by the token of a join link, or by typing the code. */
export function JoinWorkshopForm({ token, defaultName }: { token?: string; defaultName: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const displayName = String(form.get('displayName') ?? '');
    const body = token ? { token, displayName } : { code: String(form.get('code') ?? ''), displayName };
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/workshops/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = (await res.json()) as { ok: boolean; workshopId?: string; message?: string };
      if (!res.ok || !answer.workshopId) throw new Error(answer.message ?? `The server answered ${res.status}`);
      router.push(`/w/${answer.workshopId}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <form className="join-code-form" onSubmit={submit} aria-label={token ? 'Join the workshop' : 'Join a workshop with a code'}>
      {!token && (
        <label>
          Code{' '}
          <input name="code" required maxLength={12} autoComplete="off" placeholder="ABC123" />
        </label>
      )}
      <label>
        Your name{' '}
        <input name="displayName" required maxLength={60} defaultValue={defaultName} />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Joining…' : 'Join workshop'}
      </button>
      {error && (
        <p role="alert" className="error-text">
          Could not join: {error}
        </p>
      )}
    </form>
  );
}
