import { describe, expect, it } from 'vitest';
import type { JobEventMessage, JobInfo, TrainProgress } from '@/lib/protocol/messages';
import { activeOfKind, foldJobEvent, jobsFromSnapshot, NO_JOBS, type JobsState } from './job-state';

const train: JobInfo = { id: 'j1', kind: 'train', requestedBy: 'ada' };
const run: JobInfo = { id: 'j2', kind: 'run', requestedBy: 'bo' };
const train2: JobInfo = { id: 'j3', kind: 'train', requestedBy: 'bo' };

const progress = (step: number): TrainProgress => ({
  step,
  totalSteps: 10,
  loss: 2 - step / 10,
  learningRate: 0.003,
  elapsedMs: step * 100,
  etaMs: (10 - step) * 100,
  lossCurve: Array.from({ length: step }, (_, i) => ({ step: i + 1, loss: 2 - (i + 1) / 10 })),
  evaluations: [],
});

type Body = JobEventMessage extends infer E ? (E extends unknown ? Omit<E, 'designId' | 'job'> : never) : never;
const ev = (job: JobInfo, body: Body): JobEventMessage => ({ designId: 'd', job, ...body }) as JobEventMessage;

const fold = (events: JobEventMessage[], from: JobsState = NO_JOBS) => events.reduce(foldJobEvent, from);

describe('foldJobEvent', () => {
  it('follows a train job from the queue to its result, keeping the latest progress while it runs', () => {
    const queued = fold([ev(train, { type: 'queued', position: 2 })]);
    expect(queued.active).toEqual([{ job: train, state: 'queued', position: 2, progress: null }]);

    const running = fold([ev(train, { type: 'started' }), ev(train, { type: 'progress', progress: progress(3) })], queued);
    expect(activeOfKind(running, 'train')).toMatchObject({ state: 'running', position: null, progress: { step: 3 } });

    const done = fold([ev(train, { type: 'result', result: { task: 'copy' } })], running);
    expect(done.active).toEqual([]);
    expect(done.finished.train).toEqual({ job: train, type: 'result', result: { task: 'copy' } });
  });

  it('keeps the running job first and waiting ones in their announced order', () => {
    const state = fold([
      ev(train2, { type: 'queued', position: 2 }),
      ev(run, { type: 'queued', position: 1 }),
      ev(train, { type: 'started' }),
    ]);
    expect(state.active.map((a) => a.job.id)).toEqual(['j1', 'j2', 'j3']);
    // Positions are re-announced as the queue moves.
    const moved = fold([ev(train, { type: 'result', result: {} }), ev(run, { type: 'started' }), ev(train2, { type: 'queued', position: 1 })], state);
    expect(moved.active.map((a) => [a.job.id, a.state, a.position])).toEqual([
      ['j2', 'running', null],
      ['j3', 'queued', 1],
    ]);
  });

  it('a cancelled training keeps the curve it had reached, until the next training of the design starts', () => {
    const cancelled = fold([ev(train, { type: 'started' }), ev(train, { type: 'progress', progress: progress(4) }), ev(train, { type: 'cancelled', by: 'bo' })]);
    expect(cancelled.active).toEqual([]);
    expect(cancelled.cancelled.train).toMatchObject({ by: 'bo', progress: { step: 4 } });
    expect(cancelled.finished.train).toBeUndefined();

    const next = fold([ev(train2, { type: 'started' })], cancelled);
    expect(next.cancelled.train).toBeUndefined();
  });

  it('a job cancelled while it waited leaves nothing behind', () => {
    const state = fold([ev(train, { type: 'queued', position: 1 }), ev(train, { type: 'cancelled', by: 'ada' })]);
    expect(state).toEqual(NO_JOBS);
  });

  it('a failure replaces the previous result of its kind, and leaves other kinds alone', () => {
    const state = fold([
      ev(run, { type: 'result', result: { params: 1 } }),
      ev(train, { type: 'result', result: { task: 'copy' } }),
      ev(run, { type: 'failed', error: { code: 'too-large', message: 'too big' } }),
    ]);
    expect(state.finished.run).toMatchObject({ type: 'failed', error: { message: 'too big' } });
    expect(state.finished.train).toMatchObject({ type: 'result' });
  });

  it('progress that is not a train progress does not wipe the last one', () => {
    const state = fold([ev(train, { type: 'progress', progress: progress(2) }), ev(train, { type: 'progress', progress: { what: 'else' } })]);
    expect(activeOfKind(state, 'train')?.progress?.step).toBe(2);
  });
});

describe('jobsFromSnapshot', () => {
  it('gives a late joiner the running job with its last progress, the waiting ones and the latest outcomes', () => {
    const state = jobsFromSnapshot({
      active: [
        { job: run, state: 'queued', position: 1 },
        { job: train, state: 'running', lastProgress: progress(5) },
      ],
      latest: {
        run: ev(run, { type: 'result', result: { params: 7 } }),
        train: ev(train2, { type: 'failed', error: { code: 'x', message: 'no' } }),
      },
    });
    expect(state.active.map((a) => [a.job.id, a.state, a.position, a.progress?.step ?? null])).toEqual([
      ['j1', 'running', null, 5],
      ['j2', 'queued', 1, null],
    ]);
    expect(state.finished.run).toEqual({ job: run, type: 'result', result: { params: 7 } });
    expect(state.finished.train).toMatchObject({ type: 'failed', job: train2 });
  });

  it('a job that ended while the join answer was on its way is not left running', () => {
    const snapshot = { active: [{ job: train, state: 'running' as const, lastProgress: progress(9) }], latest: {} };
    const ended = ev(train, { type: 'result', result: { task: 'copy' } });
    // An older ending of a job the answer does not list changes nothing.
    const older = ev(run, { type: 'failed', error: { code: 'x', message: 'old' } });
    const state = jobsFromSnapshot(snapshot, [older, ended]);
    expect(state.active).toEqual([]);
    expect(state.finished).toEqual({ train: { job: train, type: 'result', result: { task: 'copy' } } });
  });

  it('is empty before the first join', () => {
    expect(jobsFromSnapshot(null)).toEqual(NO_JOBS);
  });
});
