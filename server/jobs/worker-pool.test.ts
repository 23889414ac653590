import { afterEach, describe, expect, it } from 'vitest';
import type { JobEvent } from './job-runner.ts';
import { PoolRecorder } from './testing/pool-recorder.ts';
import { SCHED_IDLE, thisThreadScheduling } from './thread-priority.ts';
import { WorkerPool, type WorkerPoolOptions } from './worker-pool.ts';

const FIXTURES = new URL('./testing/fixture-kinds.ts', import.meta.url);

let open: WorkerPool[] = [];
let recorders: PoolRecorder[] = [];

async function startPool(options: WorkerPoolOptions = {}) {
  const pool = await WorkerPool.start({ kindsModule: FIXTURES, workers: 2, warmWorkers: 2, ...options });
  const events = new PoolRecorder(pool);
  open.push(pool);
  recorders.push(events);
  return { pool, events };
}

const job = (id: string, designId: string, kind: string, payload: unknown) => ({ id, designId, kind, payload, requestedBy: 'ada' });

afterEach(async () => {
  await Promise.all(open.map((p) => p.close()));
  // Whatever a test did, every job it started ended exactly once.
  for (const events of recorders) expect(events.endedOnce()).toBe(true);
  open = [];
  recorders = [];
});

describe('WorkerPool scheduling', () => {
  it('runs one job per design in FIFO order, and different designs in parallel', async () => {
    const { pool, events } = await startPool();
    await pool.submit(job('a1', 'A', 'sleep', { ms: 300 }));
    await pool.submit(job('a2', 'A', 'sleep', { ms: 10 }));
    await pool.submit(job('b1', 'B', 'sleep', { ms: 300 }));
    await events.ended('a2');
    await events.ended('b1');

    const order = events.events.map((e) => `${e.job.id}:${e.type === 'queued' ? `queued:${e.position}` : e.type}`);
    expect(order.filter((o) => o.startsWith('a') && !o.includes('queued'))).toEqual(['a1:started', 'a1:result', 'a2:started', 'a2:result']);
    expect(events.of('a2')).toEqual(['queued:1', 'started', 'result']);
    // B did not wait for A: it started before A's first job ended.
    expect(order.indexOf('b1:started')).toBeLessThan(order.indexOf('a1:result'));
    expect(await events.ended('a1')).toMatchObject({ type: 'result', result: { slept: 300 } });
  });

  it('starts threads beyond the warm ones when jobs need them, so the job of every design runs at once', async () => {
    const { pool, events } = await startPool({ workers: 4, warmWorkers: 1 });
    expect(pool.threadsStarted).toBe(1);
    // Jobs that run until cancelled: however slowly threads start, all three must be running at once.
    for (const design of ['A', 'B', 'C']) await pool.submit(job(design, design, 'busy', { ms: 60_000 }));
    expect(pool.threadsStarted).toBe(3);
    // All three run together (none is queued behind another design's job), then end when cancelled.
    for (const design of ['A', 'B', 'C']) await events.next((e) => e.job.id === design && e.type === 'started');
    for (const design of ['A', 'B', 'C']) expect(await pool.cancel(design, 'grace')).toBe(true);
    for (const design of ['A', 'B', 'C']) expect(await events.ended(design)).toMatchObject({ type: 'cancelled' });
    expect(events.events.some((e) => e.type === 'queued')).toBe(false);
    // The fourth slot was never needed, so its thread never started.
    expect(pool.threadsStarted).toBe(3);
  });

  it('announces queue positions and re-announces them as the queue moves', async () => {
    const { pool, events } = await startPool({ workers: 1 });
    await pool.submit(job('a1', 'A', 'sleep', { ms: 300 }));
    for (const id of ['a2', 'a3', 'a4']) await pool.submit(job(id, 'A', 'sleep', { ms: 0 }));
    await pool.submit(job('b1', 'B', 'sleep', { ms: 0 }));
    expect(events.of('b1')).toEqual(['queued:1']); // first of its design, waiting for the one thread

    expect(await pool.cancel('a2', 'grace')).toBe(true);
    expect(events.of('a2')).toEqual(['queued:1', 'cancelled']);
    expect(events.events.find((e) => e.job.id === 'a2' && e.type === 'cancelled')).toMatchObject({ by: 'grace' });
    expect(events.of('a3')).toEqual(['queued:2', 'queued:1']);
    expect(events.of('a4')).toEqual(['queued:3', 'queued:2']);

    await events.next((e) => e.job.id === 'a3' && e.type === 'started');
    expect(events.of('a4')).toEqual(['queued:3', 'queued:2', 'queued:1']);
    expect((await pool.jobsOf('A')).map((s) => [s.job.id, s.state, s.state === 'queued' ? s.position : 0])).toEqual([
      ['a3', 'running', 0],
      ['a4', 'queued', 1],
    ]);
    await events.ended('b1');
    expect(await pool.cancel('a2', 'grace')).toBe(false); // already gone
  });

  it('streams progress in order, throttled, and ends with the result', async () => {
    const { pool, events } = await startPool({ progressIntervalMs: 50 });
    const submitted = performance.now();
    await pool.submit(job('c1', 'A', 'count-with-progress', { steps: 40, stepMs: 10 }));
    expect(await events.ended('c1')).toMatchObject({ type: 'result', result: { counted: 40 } });
    const ranMs = performance.now() - submitted; // at least 400 ms, longer on a busy machine

    const kinds = events.of('c1');
    expect(kinds[0]).toBe('started');
    expect(kinds.at(-1)).toBe('result');
    const steps = events.events.flatMap((e) => (e.type === 'progress' ? [(e.progress as { step: number }).step] : []));
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.length).toBeLessThan(40); // not one per step: at most one per 50 ms, plus the first and the last
    expect(steps.length).toBeLessThanOrEqual(Math.ceil(ranMs / 50) + 2);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(40); // the final step is flushed before the result
    expect((await pool.jobsOf('A')).length).toBe(0);
  });
});

describe('WorkerPool thread priority', () => {
  const scheduling = async (threadPriority: 'idle' | 'low' | 'normal') => {
    const { pool, events } = await startPool({ workers: 1, threadPriority });
    await pool.submit(job(threadPriority, 'A', 'scheduling', {}));
    const ended = await events.ended(threadPriority);
    return ended.type === 'result' ? ended.result : ended;
  };

  it.runIf(process.platform === 'linux')('runs jobs below the event loop: SCHED_IDLE by default, niceness 19 or normal when asked', async () => {
    expect(await scheduling('idle')).toEqual({ policy: SCHED_IDLE, nice: 0 });
    expect(await scheduling('low')).toEqual({ policy: 0, nice: 19 });
    expect(await scheduling('normal')).toEqual({ policy: 0, nice: 0 });
    // Only the job threads: the thread that runs the pool keeps its priority.
    expect(thisThreadScheduling()).toEqual({ policy: 0, nice: 0 });
  });
});

describe('WorkerPool cancel', () => {
  it('stops a running job that checks the flag, well inside the grace period', async () => {
    const { pool, events } = await startPool({ workers: 1, cancelGraceMs: 5_000 });
    await pool.submit(job('s1', 'A', 'busy', { ms: 10_000 }));
    await pool.submit(job('s2', 'A', 'sleep', { ms: 0 }));
    await events.next((e) => e.job.id === 's1' && e.type === 'started');
    const t0 = performance.now();
    expect(await pool.cancel('s1', 'grace')).toBe(true);
    expect(await events.ended('s1')).toMatchObject({ type: 'cancelled', by: 'grace' });
    expect(performance.now() - t0).toBeLessThan(1_000); // well inside the 5 s grace: it stopped itself
    expect(await events.ended('s2')).toMatchObject({ type: 'result' });
  });

  it('terminates a job that ignores cancel after the grace period, and the next job still runs', async () => {
    const { pool, events } = await startPool({ workers: 1, cancelGraceMs: 300 });
    await pool.submit(job('stubborn', 'A', 'ignore-cancel', { ms: 60_000 }));
    await pool.submit(job('after', 'A', 'sleep', { ms: 0, label: 'fresh thread' }));
    await events.next((e) => e.job.id === 'stubborn' && e.type === 'started');
    const t0 = performance.now();
    await pool.cancel('stubborn', 'grace');
    expect(await pool.cancel('stubborn', 'linus')).toBe(true); // a second cancel changes nothing
    expect(await events.ended('stubborn')).toMatchObject({ type: 'cancelled', by: 'grace' });
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(2_000);
    expect(await events.ended('after')).toMatchObject({ type: 'result', result: { label: 'fresh thread' } });
  });
});

describe('WorkerPool caps and failures', () => {
  it('fails a job that exceeds the wall time, and keeps serving', async () => {
    const { pool, events } = await startPool({ workers: 1, wallTimeMs: 400 });
    await pool.submit(job('slow', 'A', 'ignore-cancel', { ms: 60_000 }));
    await pool.submit(job('next', 'A', 'sleep', { ms: 0 }));
    expect(await events.ended('slow')).toMatchObject({ type: 'failed', error: { code: 'timeout' } });
    expect(await events.ended('next')).toMatchObject({ type: 'result' });
  });

  it('fails only the job whose thread crashes, and replaces the thread', async () => {
    const { pool, events } = await startPool({ workers: 2, workerMemoryMb: 64, maxQueuedPerDesign: 10 });
    expect(await pool.submit(job('steady', 'S', 'count-with-progress', { steps: 10, stepMs: 100 }))).toEqual({ ok: true });
    const crashes = ['throw', 'fail', 'exit', 'stray-throw', 'oom', 'unclonable'] as const;
    for (const how of crashes) expect(await pool.submit(job(how, 'C', 'crash', { how }))).toEqual({ ok: true });
    expect(await pool.submit(job('survivor', 'C', 'sleep', { ms: 0 }))).toEqual({ ok: true });

    const outcome = async (id: string) => {
      const e = (await events.ended(id, 10_000)) as Extract<JobEvent, { type: 'failed' }>;
      return [e.type, e.error?.code];
    };
    expect(await outcome('throw')).toEqual(['failed', 'job-error']);
    expect(await outcome('fail')).toEqual(['failed', 'invalid-design']);
    expect(await outcome('exit')).toEqual(['failed', 'crashed']);
    expect(await outcome('stray-throw')).toEqual(['failed', 'crashed']);
    expect(await outcome('oom')).toEqual(['failed', 'out-of-memory']);
    expect(await outcome('unclonable')).toEqual(['failed', 'bad-result']);
    expect(await events.ended('survivor')).toMatchObject({ type: 'result' });
    expect(await events.ended('steady', 10_000)).toMatchObject({ type: 'result', result: { counted: 10 } });
    const thrown = events.events.find((e) => e.job.id === 'throw' && e.type === 'failed');
    expect(thrown).toMatchObject({ error: { message: 'boom' } });
    expect(JSON.stringify(thrown)).not.toContain('at '); // no stack trace reaches the room
  });

  it('refuses what it will not run, each with a reason', async () => {
    const { pool, events } = await startPool({ workers: 1, maxQueuedPerDesign: 2, maxQueuedTotal: 3, limits: { maxSteps: 100 } });
    expect(await pool.submit(job('x', 'A', 'mine-bitcoin', {}))).toMatchObject({ ok: false, code: 'unknown-kind' });
    expect(await pool.submit(job('x', 'A', 'constructor', {}))).toMatchObject({ ok: false, code: 'unknown-kind' });
    expect(await pool.submit(job('x', 'A', 'count-with-progress', { steps: 101, stepMs: 0 }))).toMatchObject({
      ok: false,
      code: 'bad-payload',
      message: expect.stringMatching(/^steps: .*100/),
    });
    expect(await pool.submit(job('x', 'A', 'sleep', { ms: 'long' }))).toMatchObject({ ok: false, code: 'bad-payload' });

    expect(await pool.submit(job('a1', 'A', 'sleep', { ms: 5_000 }))).toEqual({ ok: true });
    expect(await pool.submit(job('a1', 'B', 'sleep', { ms: 0 }))).toMatchObject({ ok: false, code: 'duplicate-id' });
    expect(await pool.submit(job('a2', 'A', 'sleep', { ms: 0 }))).toEqual({ ok: true });
    expect(await pool.submit(job('a3', 'A', 'sleep', { ms: 0 }))).toEqual({ ok: true });
    expect(await pool.submit(job('a4', 'A', 'sleep', { ms: 0 }))).toMatchObject({ ok: false, code: 'design-queue-full' });
    expect(await pool.submit(job('b1', 'B', 'sleep', { ms: 0 }))).toEqual({ ok: true });
    expect(await pool.submit(job('c1', 'C', 'sleep', { ms: 0 }))).toMatchObject({ ok: false, code: 'queue-full' });
    expect(events.events.some((e) => ['x', 'a4', 'c1'].includes(e.job.id))).toBe(false);
  });

  it('keeps going when a listener throws', async () => {
    const { pool, events } = await startPool({ workers: 1 });
    pool.subscribe(() => {
      throw new Error('bridge bug');
    });
    await pool.submit(job('j', 'A', 'sleep', { ms: 0 }));
    expect(await events.ended('j')).toMatchObject({ type: 'result' });
  });
});

describe('WorkerPool close', () => {
  it('cancels queued jobs, stops running ones (terminating the stubborn) and refuses new work', async () => {
    const { pool, events } = await startPool({ workers: 2, cancelGraceMs: 300 });
    await pool.submit(job('polite', 'A', 'busy', { ms: 60_000 }));
    await pool.submit(job('stubborn', 'B', 'ignore-cancel', { ms: 60_000 }));
    await pool.submit(job('waiting', 'A', 'sleep', { ms: 0 }));
    await events.next((e) => e.job.id === 'stubborn' && e.type === 'started');

    const t0 = performance.now();
    await pool.close();
    expect(performance.now() - t0).toBeLessThan(2_000);
    for (const id of ['polite', 'stubborn', 'waiting']) {
      expect(events.events.find((e) => e.job.id === id && e.type === 'cancelled')).toMatchObject({ by: 'server' });
    }
    expect(events.of('waiting')).toEqual(['queued:1', 'cancelled']);
    expect(await pool.submit(job('late', 'A', 'sleep', { ms: 0 }))).toMatchObject({ ok: false, code: 'closed' });
  });

  it('fails to start, loudly, when the job kinds cannot be loaded', async () => {
    await expect(WorkerPool.start({ kindsModule: new URL('./testing/no-such-kinds.ts', import.meta.url), workers: 1 })).rejects.toThrow();
    await expect(WorkerPool.start({ kindsModule: new URL('./testing/worker-broken-kinds.ts', import.meta.url), workers: 1 })).rejects.toThrow(
      /could not start: .*cannot load in a worker/,
    );
  });
});
