'use client';

import './account.css';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { Participant } from '@/lib/protocol/messages';

/** Who you are, in the home page's header: an account's name and "Sign out", or a guest's name and the way to an account. */
export function AccountMenu() {
  const [me, setMe] = useState<{ person: Participant; account: boolean } | null>(null);

  useEffect(() => {
    let live = true;
    fetch('/api/auth/me')
      .then((r) => r.json())
      .then((body: { ok: boolean; person: Participant; account: boolean }) => live && body.ok && setMe(body))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (!me) return null;
  const signOut = async () => {
    await fetch('/api/auth/sign-out', { method: 'POST' });
    window.location.assign('/');
  };
  return (
    <nav className="account-menu" aria-label="Account">
      <span className="account-name" title={me.account ? 'Signed in' : 'You are trying Multihead as a guest'}>
        {me.person.name}
        {!me.account && <span className="muted"> (guest)</span>}
      </span>
      {me.account ? (
        <button type="button" className="ghost" onClick={() => void signOut()} title={`Signed in as ${me.person.name}`}>
          Sign out
        </button>
      ) : (
        <>
          <Link href="/sign-in">Sign in</Link>
          <Link href="/sign-up">Sign up</Link>
        </>
      )}
    </nav>
  );
}
