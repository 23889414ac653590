'use client';

import type { Participant } from '@/lib/protocol/messages';
import type { ActiveJob } from './job-state';

/** A participant's name, when they are in the room. */
export function whoStarted(participantId: string, participants: readonly Participant[]): string {
  return participants.find((p) => p.id === participantId)?.name ?? 'someone who left';
}

/** A running or waiting job of the design, with a Cancel anyone in the room may press. */
export function JobStatus({
  active,
  participants,
  what,
  onCancel,
}: {
  active: ActiveJob;
  participants: readonly Participant[];
  what: string;
  onCancel: () => void;
}) {
  const by = whoStarted(active.job.requestedBy, participants);
  return (
    <div className="job-status" role="status" aria-label={`${what} status`}>
      <span className="job-dot" data-state={active.state} aria-hidden />
      <span>
        {active.state === 'running' ? `${what} under way` : `${what} waiting${active.position ? ` (${ordinal(active.position)} in line)` : ''}`}
        <span className="muted"> · started by {by}</span>
      </span>
      <button type="button" className="ghost small" onClick={onCancel}>
        Cancel {what.toLowerCase()}
      </button>
    </div>
  );
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
