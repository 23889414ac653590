import { Queue, QueueEvents, createNodeRedisClient, type Job } from 'bullmq';
import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { JobKinds } from './job-kind.ts';
import type { JobEvent, JobListener, JobRef, JobRequest, JobRunner, JobStatus, SubmitOutcome } from './job-runner.ts';
import { defaultJobPoolSettings, type JobPoolSettings } from './pool-settings.ts';
import { decodeJobValue, encodeJobValue } from './queue-codec.ts';
import { DEFAULT_KINDS_MODULE } from './worker-pool.ts';
import { JobOwnership, redisClient as redis } from './job-ownership.ts';
import { issueMessage } from '../../lib/protocol/issue-message.ts';

/** The BullMQ queue every instance adds to and every `npm run worker` takes from. */
export const JOB_QUEUE = 'multihead-jobs';
/** Cancellations, published to every worker (the one running the job stops it). */
export const CANCEL_CHANNEL = 'multihead:jobs:cancel';
/** Set when a job is cancelled, for a worker that takes the job after the message went out. */
export const cancelKey = (jobId: string) => `multihead:jobs:cancelled:${jobId}`;

/** What a queued job carries. */
export interface QueuedJobData {
  designId: string;
  kind: string;
  payload: unknown;
  requestedBy: string;
}
/** How a worker ends a job that did not fail. */
export type QueuedJobOutcome = { result: unknown } | { cancelled: string };
/** A failed job's reason, as the worker writes it (JSON of a JobError). */
export interface CancelMessage {
  jobId: string;
  by: string;
}

/**
 * A worker's lock on a job lasts this long and is renewed while it runs; a dead worker's job is
 * noticed after it (JOB_LOCK_MS, the same on instances and workers; shorter in tests).
 */
export const lockMs = (env: Readonly<Record<string, string | undefined>> = process.env): number => {
  const ms = Number(env.JOB_LOCK_MS ?? '30000');
  return Number.isInteger(ms) && ms >= 500 ? ms : 30_000;
};

/**
 * Runs jobs on BullMQ workers (server/worker.ts, on this or other machines)
 * instead of this process's threads. One instance owns each job (JobOwnership):
 * it relays the job's events to its listeners (the rooms, which broadcast them
 * to every instance, and the gradings) and stores its end. The accepting
 * instance owns it first; when it dies, the first live instance that hears of
 * the job (an event, or the look for orphans after each heartbeat) takes it
 * over, so a job queued or running on a dead instance still reports its
 * progress and its result, once. Any instance can list a design's jobs and
 * cancel them. A job whose worker dies is retried once by BullMQ's stalled-job
 * check, then failed; one no worker answers for within its wall time plus the
 * lock is failed here, so nothing waits forever.
 */
export class QueuedJobRunner implements JobRunner {
  private readonly listeners = new Set<JobListener>();
  /** Jobs this instance owns and has not told the end of: their events are relayed from here. */
  private readonly mine = new Map<string, Owned>();
  /** Jobs of other instances found alive, until when that is believed (no Redis call per event). */
  private readonly trusted = new Map<string, number>();
  /** Open jobs the queue had no record of at the last look (a second miss closes them). */
  private readonly missing = new Set<string>();
  /** Queue events are handled one at a time, in order, even those that wait on a claim. */
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly publisher: ReturnType<typeof redis>,
    private readonly ownership: JobOwnership,
    private readonly schemas: Map<string, z.ZodType>,
    readonly settings: JobPoolSettings,
    private readonly log?: Logger,
  ) {
    events.on('active', ({ jobId }) => this.inOrder(jobId, (m) => this.relay(jobId, { type: 'started', job: m.ref })));
    events.on('progress', ({ jobId, data }) => this.inOrder(jobId, (m) => this.relay(jobId, { type: 'progress', job: m.ref, progress: decodeJobValue(data) })));
    events.on('completed', ({ jobId, returnvalue }) => this.inOrder(jobId, () => this.ended(jobId, returnvalue as unknown as QueuedJobOutcome)));
    events.on('failed', ({ jobId, failedReason }) => this.inOrder(jobId, () => this.failed(jobId, failedReason)));
    // Removed before a worker took it: whoever removed it (a cancel, the watchdog) told its end.
    events.on('removed', ({ jobId }) => this.forget(jobId));
  }

  static async start(options: {
    redisUrl: string;
    settings?: Partial<JobPoolSettings>;
    kindsModule?: URL;
    log?: Logger;
    queueName?: string;
  }): Promise<QueuedJobRunner> {
    const { jobKinds } = (await import((options.kindsModule ?? DEFAULT_KINDS_MODULE).href)) as { jobKinds: JobKinds };
    const settings = { ...defaultJobPoolSettings(), ...options.settings };
    const schemas = new Map(Object.entries(jobKinds).map(([name, kind]) => [name, kind.payload(settings.limits)]));
    const name = options.queueName ?? JOB_QUEUE;
    const queue = new Queue(name, { connection: createNodeRedisClient(redis(options.redisUrl)) });
    const events = new QueueEvents(name, { connection: createNodeRedisClient(redis(options.redisUrl)) });
    const publisher = redis(options.redisUrl);
    publisher.on('error', (err: unknown) => options.log?.error({ err }, 'redis connection failed'));
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), publisher.connect()]);
    const ownership = new JobOwnership(publisher, name, lockMs());
    const runner = new QueuedJobRunner(queue, events, publisher, ownership, schemas, settings, options.log);
    await ownership.start(() => void runner.lookForOrphans());
    return runner;
  }

  async submit(request: JobRequest): Promise<SubmitOutcome> {
    if (this.closed) return { ok: false, code: 'closed', message: 'The server is shutting down; try again in a moment.' };
    const schema = this.schemas.get(request.kind);
    if (!schema) return { ok: false, code: 'unknown-kind', message: `This server does not run '${request.kind}' jobs.` };
    const parsed = schema.safeParse(request.payload);
    if (!parsed.success) return { ok: false, code: 'bad-payload', message: issueMessage(parsed.error) };
    if (await this.queue.getJob(request.id)) return { ok: false, code: 'duplicate-id', message: `A job with id '${request.id}' is already pending.` };
    const pending = await this.pending();
    const ofDesign = pending.filter((j) => j.data.designId === request.designId).length;
    if (ofDesign >= this.settings.maxQueuedPerDesign) {
      return { ok: false, code: 'design-queue-full', message: `This design already has ${ofDesign} jobs waiting or running: wait for one to finish.` };
    }
    if (pending.length >= this.settings.maxQueuedTotal) return { ok: false, code: 'queue-full', message: 'The server is busy with other jobs: try again in a minute.' };
    const { id, designId, kind, requestedBy } = request;
    const ref: JobRef = { id, designId, kind, requestedBy };
    this.mine.set(id, { ref });
    await this.ownership.take(id);
    const data: QueuedJobData = { designId, kind, payload: encodeJobValue(request.payload), requestedBy };
    await this.queue.add(kind, data, {
      jobId: id,
      // A crash of the job itself is final (the worker says why); only a dead worker's job is retried, by the stalled check.
      attempts: 1,
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 3600 },
    });
    this.emit({ type: 'queued', job: ref, position: ofDesign + 1 });
    return { ok: true };
  }

  async cancel(jobId: string, by: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    if (state !== 'waiting' && state !== 'active' && state !== 'prioritized' && state !== 'delayed') return false;
    await this.publisher.set(cancelKey(jobId), by, { EX: 3600 });
    if (state !== 'active') {
      // Not taken yet: removed from the queue, and the instance that removed it tells everyone.
      const removed = await job.remove().then(
        () => true,
        () => false, // a worker took it meanwhile: cancelled as a running job below
      );
      if (removed) {
        await this.publisher.publish(CANCEL_CHANNEL, JSON.stringify({ jobId, by, removed: true }));
        this.forget(jobId);
        await this.tellEnd({ type: 'cancelled', job: refOf(job as Job<QueuedJobData>), by });
        return true;
      }
    }
    await this.publisher.publish(CANCEL_CHANNEL, JSON.stringify({ jobId, by } satisfies CancelMessage));
    return true;
  }

  async jobsOf(designId: string): Promise<JobStatus[]> {
    const jobs = (await this.pending()).filter((j) => j.data.designId === designId);
    const running: JobStatus[] = [];
    const queued: JobStatus[] = [];
    for (const j of jobs) {
      if (await j.isActive()) running.push({ state: 'running', job: refOf(j), startedAt: j.processedOn ?? Date.now(), lastProgress: decodeJobValue(j.progress) });
      else queued.push({ state: 'queued', job: refOf(j), position: queued.length + 1 });
    }
    return [...running, ...queued];
  }

  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops relaying and hands the jobs it owns to the other instances; queued and running jobs stay with the workers. */
  async close(): Promise<void> {
    this.closed = true;
    for (const m of this.mine.values()) clearTimeout(m.watchdog);
    await this.ownership.close();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    await this.chain;
    await this.publisher.quit().catch(() => undefined);
  }

  private async pending(): Promise<Job<QueuedJobData>[]> {
    return (await this.queue.getJobs(['active', 'waiting', 'prioritized', 'delayed'])) as Job<QueuedJobData>[];
  }

  /** Handles a queue event of a job this instance owns, or takes over first if its owner is gone. */
  private inOrder(jobId: string, handle: (m: Owned) => void | Promise<void>): void {
    this.chain = this.chain
      .then(async () => {
        const m = this.mine.get(jobId) ?? (await this.adopt(jobId, false))?.owned;
        if (m) await handle(m);
      })
      .catch((err: unknown) => this.log?.error({ err, jobId }, 'a job event could not be relayed'));
  }

  /**
   * After each heartbeat: takes over every open job whose owner is gone, including those still
   * waiting for a worker and those that ended while nobody was listening (their end is told now),
   * and lets go of the jobs another instance took over while this one was believed dead.
   */
  private async lookForOrphans(): Promise<void> {
    if (this.closed) return;
    try {
      for (const jobId of await this.ownership.lost([...this.mine.keys()])) {
        this.log?.warn({ jobId }, 'another instance took this job over');
        this.forget(jobId);
      }
      const open = new Set(await this.ownership.openJobs());
      for (const jobId of this.trusted.keys()) if (!open.has(jobId)) this.trusted.delete(jobId);
      for (const jobId of this.missing) if (!open.has(jobId)) this.missing.delete(jobId);
      for (const jobId of open) {
        if (this.mine.has(jobId)) continue;
        this.chain = this.chain
          .then(async () => {
            if (this.mine.has(jobId)) return;
            const adopted = await this.adopt(jobId, true);
            if (adopted) await this.catchUp(jobId, adopted.job);
          })
          .catch((err: unknown) => this.log?.error({ err, jobId }, 'could not take over a job'));
      }
      await this.chain;
    } catch (err) {
      this.log?.error({ err }, 'could not look for jobs of instances that are gone');
    }
  }

  /** Becomes the owner of a job whose owner is gone (exactly one instance does); undefined when it lives. */
  private async adopt(jobId: string, looking: boolean): Promise<{ owned: Owned; job: Job<QueuedJobData> } | undefined> {
    if (this.closed) return undefined;
    if (!looking && (this.trusted.get(jobId) ?? 0) > Date.now()) return undefined;
    if (!(await this.ownership.claim(jobId))) {
      this.trusted.set(jobId, Date.now() + this.ownership.beatMs);
      return undefined;
    }
    this.trusted.delete(jobId);
    const job = (await this.queue.getJob(jobId)) as Job<QueuedJobData> | undefined;
    if (!job) {
      if (looking) await this.vanished(jobId);
      return undefined;
    }
    this.missing.delete(jobId);
    const owned: Owned = { ref: refOf(job) };
    this.mine.set(jobId, owned);
    this.log?.info({ jobId, designId: owned.ref.designId }, 'took over a job of an instance that is gone');
    return { owned, job };
  }

  /** A job taken over between its events: tells its end if it already ended, else watches it. */
  private async catchUp(jobId: string, job: Job<QueuedJobData>): Promise<void> {
    const state = await job.getState();
    if (state === 'completed') await this.ended(jobId, job.returnvalue as unknown as QueuedJobOutcome);
    else if (state === 'failed') await this.failed(jobId, job.failedReason);
    else if (state === 'active') this.arm(jobId);
  }

  /**
   * An open job the queue has no record of: removed by a cancel that is telling its end right now,
   * or expired before anyone could tell it. Seen missing twice, it is closed without a word (there
   * is nothing left to say which design it belonged to).
   */
  private async vanished(jobId: string): Promise<void> {
    if (!this.missing.has(jobId)) {
      this.missing.add(jobId);
      return;
    }
    this.missing.delete(jobId);
    if (await this.ownership.finish(jobId)) this.log?.warn({ jobId }, 'a job ended with no record of how');
  }

  private relay(jobId: string, event: JobEvent): void {
    this.arm(jobId);
    this.emit(event);
  }

  private async ended(jobId: string, outcome: QueuedJobOutcome | undefined): Promise<void> {
    const m = this.mine.get(jobId);
    if (!m) return;
    this.forget(jobId);
    if (outcome && 'cancelled' in outcome) await this.tellEnd({ type: 'cancelled', job: m.ref, by: outcome.cancelled });
    else await this.tellEnd({ type: 'result', job: m.ref, result: decodeJobValue(outcome?.result) });
  }

  private async failed(jobId: string, reason: string): Promise<void> {
    const m = this.mine.get(jobId);
    if (!m) return;
    this.forget(jobId);
    let error = { code: 'crashed', message: reason };
    try {
      const parsed = JSON.parse(reason) as { code?: unknown; message?: unknown };
      if (typeof parsed.code === 'string' && typeof parsed.message === 'string') error = { code: parsed.code, message: parsed.message };
    } catch {
      // BullMQ's own reasons (a stalled job, a lost lock) are plain sentences.
      if (/stalled/i.test(reason)) error = { code: 'worker-lost', message: 'The worker running this job stopped; it was not finished.' };
    }
    await this.tellEnd({ type: 'failed', job: m.ref, error });
  }

  /** A job's last event, told (and so stored) by one instance only. */
  private async tellEnd(event: JobEvent): Promise<void> {
    if (await this.ownership.finish(event.job.id)) this.emit(event);
  }

  /**
   * (Re)starts a running job's watchdog: without any news for its wall time plus twice the lock
   * (its worker died and no worker is left to notice the stalled run), the job is failed here.
   */
  private arm(jobId: string): void {
    const m = this.mine.get(jobId);
    if (!m) return;
    clearTimeout(m.watchdog);
    m.watchdog = setTimeout(() => {
      if (!this.mine.has(jobId)) return;
      this.forget(jobId);
      void this.queue.remove(jobId).catch(() => undefined);
      const error = { code: 'worker-lost', message: 'No worker finished this job in time; it was stopped.' };
      void this.tellEnd({ type: 'failed', job: m.ref, error }).catch((err: unknown) => this.log?.error({ err, jobId }, 'could not tell a job’s end'));
    }, this.settings.wallTimeMs + 2 * lockMs());
    m.watchdog.unref();
  }

  private forget(jobId: string): void {
    clearTimeout(this.mine.get(jobId)?.watchdog);
    this.mine.delete(jobId);
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.log?.error({ err }, 'a job listener failed');
      }
    }
  }
}

interface Owned {
  ref: JobRef;
  watchdog?: ReturnType<typeof setTimeout>;
}

const refOf = (j: Job<QueuedJobData>): JobRef => ({ id: j.id!, designId: j.data.designId, kind: j.data.kind, requestedBy: j.data.requestedBy });
