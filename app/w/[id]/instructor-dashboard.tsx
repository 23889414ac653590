'use client';

import Link from 'next/link';
import { useEffect, useState, type FormEvent } from 'react';
import type { GroupRoomStatus, WorkshopView } from '@/lib/protocol/workshop-http';
import type { ControlAnswer, WorkshopControl } from '@/lib/protocol/workshop-messages';
import { DesignSketch } from '../design-sketch';
import type { useWorkshopChannel } from '../use-workshop-channel';
import { WorkshopControls } from './workshop-controls';

const POLL_MS = 2000;
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });

interface Props {
  view: WorkshopView;
  channel: ReturnType<typeof useWorkshopChannel>;
  onGroupsChanged: () => Promise<void>;
}

/** The instructor's view: how to join, the controls, the help queue and every group's room at once. */
export function InstructorDashboard({ view, channel, onGroupsChanged }: Props) {
  const [groups, setGroups] = useState<GroupRoomStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [origin, setOrigin] = useState('');
  const { state } = channel;

  useEffect(() => setOrigin(window.location.origin), []);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        const res = await fetch(`/api/workshops/${encodeURIComponent(view.id)}/dashboard`, { cache: 'no-store' });
        const body = (await res.json()) as { ok: boolean; groups?: GroupRoomStatus[] };
        if (!stopped && body.groups) setGroups(body.groups);
      } catch {
        // The next poll tries again.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [view.id]);

  const send = async (c: WorkshopControl): Promise<ControlAnswer> => {
    setError(null);
    const answer = await channel.control(c);
    if (!answer.ok) setError(answer.message);
    return answer;
  };

  async function addGroup(e: FormEvent) {
    e.preventDefault();
    const res = await fetch(`/api/workshops/${encodeURIComponent(view.id)}/groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"count":1}' });
    if (!res.ok) setError('Could not add a group.');
    await onGroupsChanged();
  }

  const spotlit = state?.spotlight?.groupId ?? null;
  return (
    <>
      <section className="workshop-card" aria-label="How to join">
        <h2>How to join</h2>
        <p>
          Code: <span className="join-code" aria-label="Join code">{view.joinCode}</span>
        </p>
        <p className="muted">
          Or the link:{' '}
          <a href={`/w/join/${view.joinToken}`} aria-label="Join link">
            <code>
              {origin}/w/join/{view.joinToken}
            </code>
          </a>{' '}
          ·{' '}
          {view.grouping === 'auto' ? `${view.groupSize} per group, placed as they join` : 'people pick their group'}
        </p>
      </section>
      {state && <WorkshopControls state={state} send={send} />}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <section className="workshop-card" aria-label="Help queue">
        <h2>Help queue</h2>
        {!state || state.helpQueue.length === 0 ? (
          <p className="muted">No hands up.</p>
        ) : (
          <ol className="help-queue">
            {state.helpQueue.map((h) => (
              <li key={h.id} aria-label={`${h.groupName}: ${h.note || 'no note'}`}>
                <strong>{h.groupName}</strong>
                <span className="note">
                  {h.note || <span className="muted">no note</span>} <span className="muted">— {h.raisedBy}, {timeFormat.format(new Date(h.raisedAt))}</span>
                </span>
                <Link className="link-button" href={`/d/${h.designId}`}>
                  Go to {h.groupName}
                </Link>
                <button type="button" className="ghost" onClick={() => void send({ kind: 'answer', requestId: h.id })}>
                  Mark answered
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-label="Group rooms">
        <div className="workshop-state">
          <h2>Group rooms</h2>
          <span className="spacer" />
          <form onSubmit={addGroup}>
            <button type="submit" className="ghost">
              Add a group
            </button>
          </form>
        </div>
        {groups === null ? (
          <p className="muted">Loading the rooms…</p>
        ) : groups.length === 0 ? (
          <p className="muted">No groups yet: they open as people join.</p>
        ) : (
          <div className="group-grid">
            {groups.map((g) => (
              <GroupCard key={g.id} group={g} spotlit={spotlit === g.id} send={send} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}

function GroupCard({ group: g, spotlit, send }: { group: GroupRoomStatus; spotlit: boolean; send: (c: WorkshopControl) => Promise<ControlAnswer> }) {
  const validity =
    g.errors > 0 ? (
      <span className="status-bad">{`${g.errors} error${g.errors === 1 ? '' : 's'}`}</span>
    ) : g.warnings > 0 ? (
      <span className="status-warn">{`${g.warnings} warning${g.warnings === 1 ? '' : 's'}`}</span>
    ) : (
      <span className="status-ok">Valid</span>
    );
  return (
    <article className="workshop-card group-card" aria-label={g.name}>
      <h3>
        <span>{g.name}</span>
        <span className="muted">v{g.version}</span>
      </h3>
      <DesignSketch doc={g.doc} label={`${g.name}’s design`} />
      <dl>
        <dt>Validation</dt>
        <dd>
          {validity}
          {g.errors > 0 && g.warnings > 0 && <span className="muted">{`, ${g.warnings} warning${g.warnings === 1 ? '' : 's'}`}</span>}
        </dd>
        <dt>Parameters</dt>
        <dd>{g.params.toLocaleString('en-GB')}</dd>
        <dt>Latest run</dt>
        <dd>{g.latestRun ?? '—'}</dd>
        <dt>Training</dt>
        <dd>{g.latestTraining ?? '—'}</dd>
        <dt>Members</dt>
        <dd>{g.members.length > 0 ? g.members.join(', ') : '—'}</dd>
        <dt>In the room</dt>
        <dd aria-label={`In ${g.name}’s room`}>{g.present.length > 0 ? g.present.join(', ') : 'nobody'}</dd>
      </dl>
      <div className="actions">
        <Link className="link-button" href={`/d/${g.designId}`}>
          Join {g.name}’s room
        </Link>
        <button type="button" className="ghost" aria-pressed={spotlit} onClick={() => void send(spotlit ? { kind: 'spotlight-end' } : { kind: 'spotlight', groupId: g.id })}>
          {spotlit ? 'End spotlight' : `Spotlight ${g.name}`}
        </button>
      </div>
    </article>
  );
}
