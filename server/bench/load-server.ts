/**
 * The server side of the load benchmark, in its own process (forked by load.ts
 * with `node --import tsx`): a temp database, the real Realtime binding over a
 * plain http server on loopback (no Next.js), a worker pool, and designs made
 * from the tiny template. It reports its port over IPC and, on request, its own
 * event-loop delay and CPU over a window. It exits when told, when the parent
 * goes away, or after LOAD_SERVER_MAX_MS whatever happens.
 *
 * Scale-out mode (`npm run bench -- --scale`): with LOAD_DATABASE_URL and
 * LOAD_REDIS_URL it is one of several instances on a shared PostgreSQL database
 * and Redis (Redis adapter, jobs on the BullMQ queue); the first creates the
 * designs, the others get their ids in LOAD_DESIGN_IDS.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { applyLoggedOp, type LoggedOp } from '../../lib/design/design-state.ts';
import { templateDocument } from '../../lib/design/index.ts';
import { DesignStore } from '../design-store.ts';
import { GuestIdentities } from '../identity.ts';
import { WorkerPool } from '../jobs/index.ts';
import { jobKinds } from '../jobs/kinds/index.ts';
import { Accounts } from '../access/accounts.ts';
import { People } from '../access/people.ts';
import { Realtime } from '../realtime.ts';
import { createTestDatabase } from '../test-database.ts';
import { createDb } from '../db.ts';
import { RedisCluster } from '../cluster/redis-cluster.ts';
import { QueuedJobRunner } from '../jobs/queued-runner.ts';
import { delayStats, type DelayStats, type FromServer, type ToServer } from './load-ipc.ts';
import { percentiles } from './load-stats.ts';

const RESOLUTION_MS = 10;
/** The batch of the first design (the one whose room runs the job). */
const JOB_ROOM_BATCH = 1024;

/** Milliseconds since the epoch, sub-millisecond, comparable across the two processes. */
const epochNow = () => performance.timeOrigin + performance.now();

/** A stall at least this long counts towards "time stalled". */
const STALL_MS = 50;

/**
 * Samples the event loop every RESOLUTION_MS for the whole life of the server:
 * when the timer fired (epoch ms), how late it was, and whether a job was
 * running since the previous sample; the process CPU once a second. Any window
 * can then be judged afterwards, however late the parent's messages arrive.
 */
class LoopProbe {
  private readonly at: number[] = [];
  private readonly late: number[] = [];
  private readonly job: boolean[] = [];
  private readonly cpu: Array<{ at: number; ms: number }> = [];
  private readonly spans: Array<[number, number]> = [];
  private jobSince: number | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly busy: () => boolean) {}

  start(): void {
    let last = performance.now();
    let lastBusy = this.busy();
    let ticks = 0;
    this.timer = setInterval(() => {
      const now = performance.now();
      const isBusy = this.busy();
      this.at.push(performance.timeOrigin + now);
      this.late.push(Math.max(0, now - last - RESOLUTION_MS));
      this.job.push(isBusy && lastBusy);
      last = now;
      lastBusy = isBusy;
      if (ticks++ % Math.round(1000 / RESOLUTION_MS) === 0) {
        const c = process.cpuUsage();
        this.cpu.push({ at: performance.timeOrigin + now, ms: (c.user + c.system) / 1000 });
      }
    }, RESOLUTION_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Call when a job starts or ends. */
  jobChanged(): void {
    const now = epochNow();
    if (this.busy() && this.jobSince === null) this.jobSince = now;
    else if (!this.busy() && this.jobSince !== null) {
      this.spans.push([this.jobSince, now]);
      this.jobSince = null;
    }
  }

  stats(from: number, to: number) {
    // An overloaded loop can go on reading sockets (and this request) without ever reaching its timers:
    // the time since the last sample is a delay still going on, and counts as one more sample.
    const now = epochNow();
    const lastAt = this.at.at(-1) ?? now;
    const at = [...this.at, now];
    const late = [...this.late, Math.max(0, now - lastAt - RESOLUTION_MS)];
    const job = [...this.job, this.busy()];
    const all: number[] = [];
    const whileJob: number[] = [];
    let stalledMs = 0;
    for (let i = 0; i < at.length; i++) {
      // A sample stands for the time since the previous one: [at - late - resolution, at]. Counting samples
      // that overlap the window (not only those taken inside it) keeps a loop stuck for the whole window visible.
      const end = at[i];
      const stuckSince = end - late[i];
      if (end < from || stuckSince - RESOLUTION_MS > to) continue;
      all.push(late[i]);
      if (job[i]) whileJob.push(late[i]);
      if (late[i] >= STALL_MS) stalledMs += Math.max(0, Math.min(end, to) - Math.max(stuckSince, from));
    }
    const spans = this.jobSince === null ? this.spans : [...this.spans, [this.jobSince, epochNow()] as [number, number]];
    let jobRunningMs = 0;
    for (const [a, b] of spans) jobRunningMs += Math.max(0, Math.min(b, to) - Math.max(a, from));
    // CPU between the samples that bracket the window (they are a second apart, or further when the loop was stuck).
    const before = this.cpu.findLast((c) => c.at <= from) ?? this.cpu[0];
    const after = this.cpu.find((c) => c.at >= to) ?? this.cpu.at(-1);
    const asDelay = (values: number[]): DelayStats => {
      const p = percentiles(values);
      return { samples: p.count, p50: p.p50, p99: p.p99, max: p.max };
    };
    return {
      wallMs: to - from,
      cpuMs: before && after && after.at > before.at ? ((after.ms - before.ms) * (to - from)) / (after.at - before.at) : NaN,
      delay: asDelay(all),
      delayWhileJob: asDelay(whileJob),
      stalledMs,
      jobRunningMs,
    };
  }
}

function send(msg: FromServer): void {
  process.send?.(msg);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('load-server.ts runs as a child of the load benchmark (it needs an IPC channel)');
  const secret = process.env.LOAD_SECRET;
  const designCount = Number(process.env.LOAD_DESIGNS ?? '20');
  const maxMs = Number(process.env.LOAD_SERVER_MAX_MS ?? '600000');
  if (!secret || !(designCount > 0)) throw new Error('LOAD_SECRET and LOAD_DESIGNS are required');

  // Whatever happens, this process does not outlive its budget.
  const deadline = setTimeout(() => {
    process.stderr.write(`load-server: still running after ${maxMs} ms, exiting\n`);
    process.exit(2);
  }, maxMs);
  deadline.unref();

  const sharedUrl = process.env.LOAD_DATABASE_URL;
  const redisUrl = process.env.LOAD_REDIS_URL;
  const database = sharedUrl
    ? (() => {
        const db = createDb(sharedUrl);
        return { db, url: sharedUrl, dispose: () => db.$disconnect() };
      })()
    : await createTestDatabase();
  const store = new DesignStore(database.db, { url: database.url });
  const identities = new GuestIdentities(secret);
  let errors = 0;
  const errorLog = new Writable({
    write(chunk: Buffer, _enc, done) {
      // The first few are shown; all are counted.
      if (errors++ < 5) process.stderr.write(`load-server: ${chunk.toString()}`);
      done();
    },
  });
  const log = pino({ level: 'error' }, errorLog);
  const jobs = redisUrl ? await QueuedJobRunner.start({ redisUrl, settings: { wallTimeMs: maxMs }, log }) : await WorkerPool.start({ log, wallTimeMs: maxMs });
  const cluster = redisUrl ? await RedisCluster.connect(redisUrl, log) : null;
  const http = createServer();
  // Every bench guest edits: the load is what is measured, not who may do what.
  const people = new People(identities, new Accounts(database.db));
  const everyoneEdits = { roleOf: async () => 'editor' as const };
  const realtime = new Realtime(http, store, people, everyoneEdits, log, jobs, null, null, cluster);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;

  // Designs with the tiny template's nodes, so that moves and param edits are meaningful.
  const template = templateDocument('tiny-transformer');
  if (!template.ok) throw new Error(template.message);
  const owner = { id: 'g_benchowner0', name: 'Bench owner' };
  const designIds: string[] = process.env.LOAD_DESIGN_IDS ? process.env.LOAD_DESIGN_IDS.split(',') : [];
  const versions: number[] = [];
  for (const id of designIds) versions.push((await store.get(id))?.version ?? 0);
  for (let i = designIds.length; i < designCount; i++) {
    const created = await store.create(owner, `Load room ${i + 1}`);
    const design = await store.get(created.id);
    if (!design) throw new Error('the design just created is missing');
    let { state, version } = design;
    const ops: LoggedOp[] = [{ type: 'addNodes', nodes: template.doc.nodes, edges: template.doc.edges }];
    // Without a 'train' kind the job room runs back-to-back 'run' jobs: at a large batch each keeps
    // a worker busy ~0.5 s (like training) while its result, one sample's attention, stays small.
    if (i === 0 && !('train' in jobKinds)) ops.push({ type: 'setSettings', settings: { batchSize: JOB_ROOM_BATCH } });
    for (const op of ops) {
      const next = applyLoggedOp(state, op);
      if (!next.ok) throw new Error(next.message);
      ({ version } = await store.appendOp(created.id, version, op, next.state, owner));
      state = next.state;
    }
    designIds.push(created.id);
    versions.push(version);
  }

  // Jobs running now, for the delay measured while one runs.
  const running = new Set<string>();
  const probe = new LoopProbe(() => running.size > 0);
  jobs.subscribe((event) => {
    if (event.type === 'started') running.add(event.job.id);
    else if (event.type === 'result' || event.type === 'failed' || event.type === 'cancelled') running.delete(event.job.id);
    probe.jobChanged();
  });
  probe.start();

  // A cross-check with Node's own monitor, between the two IPC marks (late when the loop is starved).
  let monitor = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let startMarkLateMs = 0;
  const onMessage = async (msg: ToServer) => {
    if (msg.type === 'measure-start') {
      startMarkLateMs = Math.max(0, epochNow() - msg.at);
      monitor = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      monitor.enable();
    } else if (msg.type === 'measure-stop') {
      monitor.disable();
      send({
        type: 'measured',
        ...probe.stats(msg.from, msg.to),
        monitor: delayStats(monitor, RESOLUTION_MS),
        marksLateMs: Math.max(startMarkLateMs, epochNow() - msg.at),
        errors,
        connections: realtime.io.engine.clientsCount,
      });
    } else if (msg.type === 'exit') {
      probe.stop();
      await shutdown(0);
    }
  };

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    const hard = setTimeout(() => process.exit(code), 10_000);
    hard.unref();
    try {
      await realtime.close();
      await jobs.close();
      await cluster?.close();
      await store.close();
      await database.dispose();
    } finally {
      process.exit(code);
    }
  };
  process.on('message', (msg) => void onMessage(msg as ToServer));
  // The parent died or closed the channel: nobody will read our figures.
  process.on('disconnect', () => void shutdown(0));

  send({ type: 'ready', port, designIds, versions, jobKinds: Object.keys(jobKinds), workers: jobs.settings.workers });
}

main().catch((err: unknown) => {
  send({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 1000).unref();
});
