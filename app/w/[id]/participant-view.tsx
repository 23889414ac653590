'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { WorkshopView } from '@/lib/protocol/workshop-http';
import type { useWorkshopChannel } from '../use-workshop-channel';

interface Props {
  view: WorkshopView;
  channel: ReturnType<typeof useWorkshopChannel>;
  onPicked: () => Promise<void>;
}

/** A participant's workshop: their group and its room, picking a group, and raising a hand. */
export function ParticipantView({ view, channel, onPicked }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = view.groups.find((g) => g.id === view.you.groupId) ?? null;
  const myRequest = channel.state?.helpQueue.find((h) => h.groupId === view.you.groupId) ?? null;

  async function pick(groupId: string) {
    setBusy(true);
    setError(null);
    const res = await fetch(`/api/workshops/${encodeURIComponent(view.id)}/pick`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groupId }) });
    const body = (await res.json()) as { ok: boolean; message?: string };
    if (!body.ok) setError(body.message ?? 'Could not join the group.');
    await onPicked();
    setBusy(false);
  }

  async function raise(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const note = String(new FormData(form).get('note') ?? '');
    setError(null);
    const answer = await channel.raiseHand(note);
    if (!answer.ok) setError(answer.message);
    else form.reset();
  }

  return (
    <>
      <section className="workshop-card" aria-label="My group">
        {mine ? (
          <>
            <h2>{mine.name}</h2>
            <p className="muted">With {mine.members.join(', ')}</p>
            <p>
              <Link className="link-button" href={`/d/${mine.designId}`}>
                Open {mine.name}’s room
              </Link>
            </p>
          </>
        ) : view.grouping === 'pick' ? (
          <h2>Pick your group</h2>
        ) : (
          <h2>You are not in a group yet</h2>
        )}
        {view.grouping === 'pick' && (
          <ul className="help-queue" aria-label="Groups">
            {view.groups.map((g) => (
              <li key={g.id}>
                <strong>{g.name}</strong>
                <span className="note muted">{g.members.length > 0 ? g.members.join(', ') : 'nobody yet'}</span>
                {g.id !== view.you.groupId && (
                  <button type="button" className="ghost" disabled={busy} onClick={() => void pick(g.id)}>
                    Join {g.name}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {mine && (
        <section className="workshop-card" aria-label="Ask for help">
          <h2>Ask for help</h2>
          {myRequest ? (
            <p role="status">
              Your group’s hand is up{myRequest.note ? `: “${myRequest.note}”` : ''}. The instructor will come to your room.
            </p>
          ) : null}
          <form className="workshop-controls" onSubmit={raise}>
            <label>
              Note{' '}
              <input name="note" maxLength={200} placeholder="What are you stuck on?" />
            </label>
            <button type="submit">{myRequest ? 'Update note' : 'Raise hand'}</button>
          </form>
        </section>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </>
  );
}
