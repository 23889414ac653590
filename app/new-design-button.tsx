'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Creates a blank design and opens it. */
export function NewDesignButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/designs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const body = (await res.json()) as { ok: boolean; design?: { id: string }; message?: string };
      if (!res.ok || !body.design) throw new Error(body.message ?? `The server answered ${res.status}`);
      router.push(`/d/${body.design.id}`);
    } catch (err) {
      setError(`Could not create a design: ${err instanceof Error ? err.message : String(err)}`);
      setBusy(false);
    }
  }

  return (
    <div>
      <button type="button" onClick={create} disabled={busy}>
        {busy ? 'Creating…' : 'New design'}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
