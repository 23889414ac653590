import type { JobEventMessage, JobInfo, JobsSnapshot, TrainProgress } from '@/lib/protocol/messages';

/**
 * A design's jobs as the editor shows them, folded from the room's job
 * events (and seeded from the join answer): what is running or waiting, and
 * the latest outcome of each kind. Pure, so that the rules are tested without
 * a socket.
 */

/** A job that has not ended: waiting (1 = next) or running, with its latest progress. */
export interface ActiveJob {
  job: JobInfo;
  state: 'queued' | 'running';
  position: number | null;
  /** A train job's latest TrainProgress (other kinds report none). */
  progress: TrainProgress | null;
}

/** How a job ended. */
export type JobEnding =
  | { job: JobInfo; type: 'result'; result: unknown }
  | { job: JobInfo; type: 'failed'; error: { code: string; message: string } }
  | { job: JobInfo; type: 'cancelled'; by: string; progress: TrainProgress | null };

export interface JobsState {
  /** Running first, then waiting in queue order. */
  active: ActiveJob[];
  /** The latest result or failure of each kind: what the panels show. */
  finished: Record<string, JobEnding>;
  /** A cancellation of each kind since that kind's latest start or outcome (the curve it had reached stays visible). */
  cancelled: Record<string, JobEnding & { type: 'cancelled' }>;
}

export const NO_JOBS: JobsState = { active: [], finished: {}, cancelled: {} };

function orderActive(active: ActiveJob[]): ActiveJob[] {
  const rank = (a: ActiveJob) => (a.state === 'running' ? 0 : (a.position ?? Number.MAX_SAFE_INTEGER));
  return [...active].sort((a, b) => rank(a) - rank(b));
}

/**
 * The state a join answer describes (a reconnect replaces whatever was folded
 * before). `endings` are job endings this client has already heard: a job can
 * end while the room prepares the answer, and then the answer still lists it
 * as running although its last event arrived first.
 */
export function jobsFromSnapshot(snapshot: JobsSnapshot | null, endings: readonly JobEventMessage[] = []): JobsState {
  if (!snapshot) return NO_JOBS;
  const state = seed(snapshot);
  return endings.filter((e) => state.active.some((a) => a.job.id === e.job.id)).reduce(foldJobEvent, state);
}

/** Whether an event ends its job. */
export function endsJob(event: JobEventMessage): boolean {
  return event.type === 'result' || event.type === 'failed' || event.type === 'cancelled';
}

function seed(snapshot: JobsSnapshot): JobsState {
  const active = snapshot.active.map(
    (a): ActiveJob => ({
      job: a.job,
      state: a.state,
      position: a.state === 'queued' ? (a.position ?? null) : null,
      progress: a.state === 'running' ? asTrainProgress(a.lastProgress) : null,
    }),
  );
  const finished: Record<string, JobEnding> = {};
  for (const [kind, event] of Object.entries(snapshot.latest)) {
    const ending = endingOf(event, null);
    if (ending && ending.type !== 'cancelled') finished[kind] = ending;
  }
  return { active: orderActive(active), finished, cancelled: {} };
}

/** The state after one job event of this design. */
export function foldJobEvent(state: JobsState, event: JobEventMessage): JobsState {
  const { job } = event;
  const current = state.active.find((a) => a.job.id === job.id);
  const others = state.active.filter((a) => a.job.id !== job.id);
  switch (event.type) {
    case 'queued':
      return { ...state, active: orderActive([...others, { job, state: 'queued', position: event.position, progress: null }]) };
    case 'started':
    case 'progress': {
      const progress = event.type === 'progress' ? (asTrainProgress(event.progress) ?? current?.progress ?? null) : (current?.progress ?? null);
      const cancelled = { ...state.cancelled };
      delete cancelled[job.kind];
      return { ...state, cancelled, active: orderActive([...others, { job, state: 'running', position: null, progress }]) };
    }
    case 'result':
    case 'failed':
    case 'cancelled': {
      const ending = endingOf(event, current?.progress ?? null)!;
      const cancelled = { ...state.cancelled };
      const finished = { ...state.finished };
      if (ending.type === 'cancelled') {
        // A job cancelled while it waited never ran: it leaves nothing to show.
        if (current?.state === 'running' || current === undefined) cancelled[job.kind] = ending;
      } else {
        delete cancelled[job.kind];
        finished[job.kind] = ending;
      }
      return { active: others, finished, cancelled };
    }
  }
}

function endingOf(event: JobEventMessage, progress: TrainProgress | null): JobEnding | null {
  switch (event.type) {
    case 'result':
      return { job: event.job, type: 'result', result: event.result };
    case 'failed':
      return { job: event.job, type: 'failed', error: event.error };
    case 'cancelled':
      return { job: event.job, type: 'cancelled', by: event.by, progress };
    default:
      return null;
  }
}

/** A train job's progress, or null for anything else (a run reports none). */
export function asTrainProgress(value: unknown): TrainProgress | null {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Partial<TrainProgress>;
  return typeof p.step === 'number' && typeof p.totalSteps === 'number' && Array.isArray(p.lossCurve) && Array.isArray(p.evaluations)
    ? (value as TrainProgress)
    : null;
}

/** The active job of a kind (the running one before a waiting one), or null. */
export function activeOfKind(state: JobsState, kind: string): ActiveJob | null {
  return state.active.find((a) => a.job.kind === kind) ?? null;
}
