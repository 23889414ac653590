'use client';

import './account.css';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';

/** The sign-in and sign-up form: an email or username and a password. */
export function AuthForm({ mode }: { mode: 'sign-in' | 'sign-up' }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signUp = mode === 'sign-up';

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/auth/${mode}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: data.get('login'), password: data.get('password') }),
      });
      const body = (await res.json()) as { ok: boolean; message?: string };
      if (!body.ok) throw new Error(body.message ?? 'That did not work.');
      window.location.assign('/');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <h1>{signUp ? 'Create an account' : 'Sign in'}</h1>
      {signUp && <p className="muted">The designs you made as a guest in this browser become yours.</p>}
      <form onSubmit={(e) => void submit(e)} aria-label={signUp ? 'Sign up' : 'Sign in'}>
        <label>
          <span>Email or username</span>
          <input name="login" autoComplete="username" required minLength={3} maxLength={120} />
        </label>
        <label>
          <span>Password</span>
          <input name="password" type="password" autoComplete={signUp ? 'new-password' : 'current-password'} required minLength={8} maxLength={200} />
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {signUp ? 'Sign up' : 'Sign in'}
        </button>
      </form>
      <p>
        {signUp ? (
          <>
            Have an account? <Link href="/sign-in">Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link href="/sign-up">Create an account</Link>
          </>
        )}{' '}
        · <Link href="/">Continue as a guest</Link>
      </p>
    </main>
  );
}
