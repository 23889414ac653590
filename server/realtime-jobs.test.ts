import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { templateDocument } from '../lib/design/templates/index.ts';
import {
  PROTOCOL_VERSION,
  type CancelJobAnswer,
  type ClientToServerEvents,
  type JobEventMessage,
  type JoinAnswer,
  type ServerToClientEvents,
  type StartJobAnswer,
  type SubmitAnswer,
  type TrainProgress,
  type TrainResult,
} from '../lib/protocol/messages.ts';
import type { RunResult } from '../lib/compile/index.ts';
import { DesignStore } from './design-store.ts';
import { GUEST_COOKIE, GuestIdentities } from './identity.ts';
import { WorkerPool } from './jobs/index.ts';
import { Accounts } from './access/accounts.ts';
import { DesignAccess } from './access/design-access.ts';
import { People } from './access/people.ts';
import { Realtime } from './realtime.ts';
import { RunStore } from './run-store.ts';
import { createTestDatabase, TEST_PROVIDERS } from './test-database.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe.each(TEST_PROVIDERS)('runs through the room: a real worker pool and real socket.io clients (%s)', (provider) => {
  let http: HttpServer;
  let realtime: Realtime;
  let jobs: WorkerPool;
  let url: string;
  let designId: string;
  let dispose: () => Promise<void>;
  const identities = new GuestIdentities('y'.repeat(32));
  const clients: Client[] = [];
  let access: DesignAccess;
  // Each test person is made an editor of the design before joining it (designs are private to their owner).
  const memberships: Promise<void>[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase(provider);
    access = new DesignAccess(database.db);
    dispose = database.dispose;
    const store = new DesignStore(database.db);
    jobs = await WorkerPool.start({ workers: 1 });
    http = createServer();
    realtime = new Realtime(http, store, new People(identities, new Accounts(database.db)), access, pino({ level: 'silent' }), jobs, new RunStore(database.db));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    designId = (await store.create({ id: 'g_owner00000', name: 'Owner' })).id;
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await jobs.close();
    await realtime.close();
    await dispose();
  });

  function client(name: string): Client {
    const guest = { ...identities.newGuest(), name };
    memberships.push(access.addMember(designId, guest.id, 'editor'));
    const c: Client = connect(url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: `${GUEST_COOKIE}=${identities.encode(guest)}` },
      reconnection: false,
    });
    clients.push(c);
    return c;
  }
  const join = async (c: Client) =>
    Promise.all(memberships).then(() => new Promise<JoinAnswer>((resolve) => c.emit('design:join', { protocol: PROTOCOL_VERSION, designId }, resolve)));

  it('a run started by one person reaches everyone, and a late joiner gets the result', async () => {
    const template = templateDocument('tiny-transformer');
    if (!template.ok) throw new Error(template.message);
    const builder = client('Builder');
    const watcher = client('Watcher');
    await join(builder);
    await join(watcher);
    const added = await new Promise<SubmitAnswer>((r) =>
      builder.emit('op:submit', { clientOpId: 'tpl', baseVersion: 0, op: { type: 'addNodes', nodes: template.doc.nodes, edges: template.doc.edges } }, r),
    );
    expect(added).toMatchObject({ ok: true, version: 1 });

    const seen: JobEventMessage[] = [];
    const done = new Promise<void>((resolve) =>
      watcher.on('job:event', (e) => {
        seen.push(e);
        if (e.type === 'result' || e.type === 'failed' || e.type === 'cancelled') resolve();
      }),
    );
    const started = await new Promise<StartJobAnswer>((r) => builder.emit('job:start', { kind: 'run', seed: 1 }, r));
    expect(started.ok).toBe(true);
    await done;
    // A job that can start at once is never announced as queued.
    expect(seen.map((e) => e.type).filter((t) => t !== 'queued')).toEqual(['started', 'result']);
    const last = seen.at(-1)!;
    expect(last.type === 'result' && (last.result as RunResult).attention.length).toBeGreaterThan(0);

    const late = client('Late');
    const answer = await join(late);
    expect(answer.ok && answer.jobs.latest.run).toMatchObject({ type: 'result', job: { kind: 'run' } });
  });

  it('refuses a job request that is malformed or from someone not in the room', async () => {
    const stranger = client('Stranger');
    const notJoined = await new Promise<StartJobAnswer>((r) => stranger.emit('job:start', { kind: 'run' }, r));
    expect(notJoined).toMatchObject({ ok: false, code: 'not-joined' });
    await join(stranger);
    const bad = await new Promise<StartJobAnswer>((r) => stranger.emit('job:start', { kind: 'mine-bitcoin' }, r));
    expect(bad).toMatchObject({ ok: false, code: 'bad-message' });
    const cancelUnknown = await new Promise<CancelJobAnswer>((r) => stranger.emit('job:cancel', { jobId: 'nope' }, r));
    expect(cancelUnknown).toEqual({ ok: false, code: 'not-found', message: 'This design has no such job running or queued.' });
    const noSteps = await new Promise<StartJobAnswer>((r) => stranger.emit('job:start', { kind: 'train', task: 'copy' }, r));
    expect(noSteps).toMatchObject({ ok: false, code: 'bad-message' });
    const chess = await new Promise<StartJobAnswer>((r) => stranger.emit('job:start', { kind: 'train', task: 'chess', steps: 5 }, r));
    expect(chess).toMatchObject({ ok: false, code: 'job-refused', message: expect.stringContaining("no task 'chess'") });
  });

  /** Every job event `c` receives from now on, and a promise of the one that ends job `jobId()`. */
  function watch(c: Client) {
    const seen: JobEventMessage[] = [];
    let jobId: string | null = null;
    let resolveEnd: (e: JobEventMessage) => void = () => {};
    const ended = new Promise<JobEventMessage>((resolve) => (resolveEnd = resolve));
    c.on('job:event', (e) => {
      seen.push(e);
      if (e.job.id === jobId && (e.type === 'result' || e.type === 'failed' || e.type === 'cancelled')) resolveEnd(e);
    });
    return {
      seen,
      ended,
      follow(id: string) {
        jobId = id;
        const done = seen.find((e) => e.job.id === id && (e.type === 'result' || e.type === 'failed' || e.type === 'cancelled'));
        if (done) resolveEnd(done);
      },
      of: (id: string) => seen.filter((e) => e.job.id === id),
    };
  }
  const start = (c: Client, msg: object) => new Promise<StartJobAnswer>((r) => c.emit('job:start', msg, r));
  const jobIdOf = (answer: StartJobAnswer) => {
    if (!answer.ok) throw new Error(answer.message);
    return answer.jobId;
  };

  it('a viewer watches training someone else started: the curve grows step by step, then the result arrives', async () => {
    const trainer = client('Trainer');
    const viewer = client('Viewer');
    await join(trainer);
    await join(viewer);
    const watching = watch(viewer);
    const jobId = jobIdOf(await start(trainer, { kind: 'train', task: 'copy', steps: 30, learningRate: 3e-3, seed: 1 }));
    watching.follow(jobId);
    const ended = await watching.ended;
    expect(ended.type).toBe('result');

    const events = watching.of(jobId);
    expect(events.map((e) => e.type).filter((t) => t !== 'queued' && t !== 'progress')).toEqual(['started', 'result']);
    expect(events.every((e) => e.job.kind === 'train')).toBe(true);
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress as TrainProgress] : []));
    expect(progress.length).toBeGreaterThan(0);
    const steps = progress.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ step: 30, totalSteps: 30 });
    expect(progress.at(-1)!.lossCurve).toHaveLength(30);
    expect(progress.at(-1)!.evaluations.length).toBeGreaterThan(1);

    const result = (ended as Extract<JobEventMessage, { type: 'result' }>).result as TrainResult;
    // The room's design is the tiny encoder–decoder added by the first test: it trains in the seq2seq framing.
    expect(result).toMatchObject({ task: 'copy', framing: 'seq2seq', steps: 30, diverged: null, settings: { learningRate: 3e-3, seed: 1 } });
    expect(result.lossCurve).toHaveLength(30);
    expect(result.lossCurve.at(-1)!.loss).toBeLessThan(result.lossCurve[0].loss);
    expect(result.finalMetrics.map((m) => m.name)).toEqual(['sequence-accuracy', 'token-accuracy']);
    expect(result.samples.length).toBeGreaterThan(0);
  });

  it('trains the room’s current document: an edit that breaks the fit fails the job with what to change', async () => {
    const editor = client('Editor');
    const viewer = client('Viewer');
    const joined = await join(editor);
    await join(viewer);
    if (!joined.ok) throw new Error(joined.message);
    const setSeqLen = (seqLen: number, clientOpId: string, baseVersion: number) =>
      new Promise<SubmitAnswer>((r) => editor.emit('op:submit', { clientOpId, baseVersion, op: { type: 'setParams', id: 'srcTokens', params: { seqLen } } }, r));
    const shortened = await setSeqLen(3, 'short', joined.version);
    expect(shortened.ok).toBe(true);
    try {
      const watching = watch(viewer);
      const jobId = jobIdOf(await start(editor, { kind: 'train', task: 'copy', steps: 5, learningRate: 1e-3, seed: 0 }));
      watching.follow(jobId);
      expect(await watching.ended).toMatchObject({
        type: 'failed',
        error: { code: 'task-mismatch', message: expect.stringContaining('source Token input to at least 6') },
      });
    } finally {
      await setSeqLen(12, 'restore', shortened.ok ? shortened.version : joined.version);
    }
  });

  it('a viewer cancels training someone else started; everyone sees who stopped it', async () => {
    const trainer = client('Trainer');
    const viewer = client('Viewer');
    await join(trainer);
    const viewerJoin = await join(viewer);
    if (!viewerJoin.ok) throw new Error(viewerJoin.message);
    const trainerSees = watch(trainer);
    const viewerSees = watch(viewer);
    const jobId = jobIdOf(await start(trainer, { kind: 'train', task: 'reverse', steps: 5_000, learningRate: 1e-3, seed: 2 }));
    trainerSees.follow(jobId);
    viewerSees.follow(jobId);
    await new Promise<void>((resolve) => {
      const check = () => (viewerSees.of(jobId).some((e) => e.type === 'progress') ? resolve() : setTimeout(check, 20));
      check();
    });
    const asked = performance.now();
    const cancelled = await new Promise<CancelJobAnswer>((r) => viewer.emit('job:cancel', { jobId }, r));
    expect(cancelled).toEqual({ ok: true });
    const [forTrainer, forViewer] = await Promise.all([trainerSees.ended, viewerSees.ended]);
    // Stopped between steps, well before the pool's grace period would terminate the thread.
    expect(performance.now() - asked).toBeLessThan(1_500);
    expect(forTrainer).toMatchObject({ type: 'cancelled', by: viewerJoin.you.id });
    expect(forViewer).toMatchObject({ type: 'cancelled', by: viewerJoin.you.id });
    const steps = viewerSees.of(jobId).flatMap((e) => (e.type === 'progress' ? [(e.progress as TrainProgress).step] : []));
    expect(Math.max(...steps)).toBeLessThan(5_000);
  });
});
