'use client';

import { useState, type FormEvent } from 'react';
import { listTemplates } from '@/lib/design/templates';
import type { ControlAnswer, WorkshopControl, WorkshopLiveState } from '@/lib/protocol/workshop-messages';

const TEMPLATES = listTemplates();

/** The instructor's live controls: each reaches every participant at once. */
export function WorkshopControls({ state, send }: { state: WorkshopLiveState; send: (c: WorkshopControl) => Promise<ControlAnswer> }) {
  const [starter, setStarter] = useState('blank');

  async function broadcast(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const answer = await send({ kind: 'broadcast', text: String(new FormData(form).get('message') ?? '') });
    if (answer.ok) form.reset();
  }
  async function timer(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    await send({ kind: 'timer', seconds: Math.round(Number(form.get('minutes') ?? 10) * 60), label: String(form.get('label') ?? '') });
  }
  async function newStarter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!window.confirm('Replace every group’s design with this starter? Each group can undo it from its history.')) return;
    await send(starter === 'blank' ? { kind: 'starter', starter: { kind: 'blank' } } : { kind: 'starter', starter: { kind: 'template', template: starter } });
  }

  return (
    <section className="workshop-card" aria-label="Live controls">
      <h2>Live controls</h2>
      <div className="workshop-controls">
        <button type="button" aria-pressed={state.frozen} onClick={() => void send({ kind: state.frozen ? 'unfreeze' : 'freeze' })}>
          {state.frozen ? 'Unfreeze editing' : 'Freeze editing'}
        </button>
        <button type="button" className="ghost" aria-pressed={state.following} onClick={() => void send({ kind: state.following ? 'unfollow' : 'follow' })}>
          {state.following ? 'Release followers' : 'Follow me'}
        </button>
        {state.following && <span className="muted">Everyone follows your view in the room you are in.</span>}
      </div>
      <form className="workshop-controls" onSubmit={broadcast} style={{ marginTop: '0.6rem' }}>
        <label>
          Message to everyone <input className="broadcast-input" name="message" required maxLength={500} />
        </label>
        <button type="submit">Broadcast</button>
      </form>
      <form className="workshop-controls" onSubmit={timer} style={{ marginTop: '0.6rem' }}>
        <label>
          Minutes <input name="minutes" type="number" min={0.1} max={360} step="any" defaultValue={10} required />
        </label>
        <label>
          Exercise <input name="label" maxLength={80} placeholder="Exercise 1" />
        </label>
        <button type="submit">Start timer</button>
        {state.timer && (
          <button type="button" className="ghost" onClick={() => void send({ kind: 'timer-stop' })}>
            Stop timer
          </button>
        )}
      </form>
      <form className="workshop-controls" onSubmit={newStarter} style={{ marginTop: '0.6rem' }}>
        <label>
          New starter{' '}
          <select value={starter} onChange={(e) => setStarter(e.target.value)}>
            <option value="blank">Blank canvas</option>
            {TEMPLATES.map((t) => (
              <option key={t.name} value={t.name}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="ghost">
          Send to every group
        </button>
      </form>
    </section>
  );
}
