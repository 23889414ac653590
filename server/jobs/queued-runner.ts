import { Queue, QueueEvents, createNodeRedisClient, type Job } from 'bullmq';
import { createClient } from 'redis';
import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { JobKinds } from './job-kind.ts';
import type { JobEvent, JobListener, JobRef, JobRequest, JobRunner, JobStatus, SubmitOutcome } from './job-runner.ts';
import { defaultJobPoolSettings, type JobPoolSettings } from './pool-settings.ts';
import { decodeJobValue, encodeJobValue } from './queue-codec.ts';
import { DEFAULT_KINDS_MODULE } from './worker-pool.ts';

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

const redis = (url: string) => createClient({ url, RESP: 2 });

/**
 * Runs jobs on BullMQ workers (server/worker.ts, on this or other machines)
 * instead of this process's threads. The instance that accepted a job relays
 * its events to its listeners (the rooms, which broadcast them to every
 * instance) and stores its result; any instance can list a design's jobs and
 * cancel them. A job whose worker dies is retried once by BullMQ's stalled-job
 * check, then failed; one no worker answers for within its wall time plus the
 * lock is failed here, so nothing waits forever.
 */
export class QueuedJobRunner implements JobRunner {
  private readonly listeners = new Set<JobListener>();
  /** Jobs accepted by this instance and not ended: their events are relayed from here. */
  private readonly mine = new Map<string, { ref: JobRef; watchdog?: ReturnType<typeof setTimeout> }>();
  private closed = false;

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly publisher: ReturnType<typeof redis>,
    private readonly schemas: Map<string, z.ZodType>,
    readonly settings: JobPoolSettings,
    private readonly log?: Logger,
  ) {
    events.on('active', ({ jobId }) => this.relay(jobId, (job) => ({ type: 'started', job })));
    events.on('progress', ({ jobId, data }) => this.relay(jobId, (job) => ({ type: 'progress', job, progress: decodeJobValue(data) })));
    events.on('completed', ({ jobId, returnvalue }) => this.ended(jobId, returnvalue as unknown as QueuedJobOutcome));
    events.on('failed', ({ jobId, failedReason }) => this.failed(jobId, failedReason));
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
    return new QueuedJobRunner(queue, events, publisher, schemas, settings, options.log);
  }

  async submit(request: JobRequest): Promise<SubmitOutcome> {
    if (this.closed) return { ok: false, code: 'closed', message: 'The server is shutting down; try again in a moment.' };
    const schema = this.schemas.get(request.kind);
    if (!schema) return { ok: false, code: 'unknown-kind', message: `This server does not run '${request.kind}' jobs.` };
    const parsed = schema.safeParse(request.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { ok: false, code: 'bad-payload', message: `${where}${issue.message}` };
    }
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
      // Not taken yet: removed from the queue, and whoever accepted it says it was cancelled.
      try {
        await job.remove();
        await this.publisher.publish(CANCEL_CHANNEL, JSON.stringify({ jobId, by, removed: true }));
        this.ended(jobId, { cancelled: by });
        return true;
      } catch {
        // A worker took it meanwhile: cancelled as a running job below.
      }
    }
    await this.publisher.publish(CANCEL_CHANNEL, JSON.stringify({ jobId, by } satisfies CancelMessage));
    return true;
  }

  async jobsOf(designId: string): Promise<JobStatus[]> {
    const jobs = (await this.pending()).filter((j) => j.data.designId === designId);
    const ref = (j: Job<QueuedJobData>): JobRef => ({ id: j.id!, designId, kind: j.data.kind, requestedBy: j.data.requestedBy });
    const running: JobStatus[] = [];
    const queued: JobStatus[] = [];
    for (const j of jobs) {
      if (await j.isActive()) running.push({ state: 'running', job: ref(j), startedAt: j.processedOn ?? Date.now(), lastProgress: decodeJobValue(j.progress) });
      else queued.push({ state: 'queued', job: ref(j), position: queued.length + 1 });
    }
    return [...running, ...queued];
  }

  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops relaying; queued and running jobs stay with the workers (another instance lists and cancels them). */
  async close(): Promise<void> {
    this.closed = true;
    for (const m of this.mine.values()) clearTimeout(m.watchdog);
    await Promise.allSettled([this.events.close(), this.queue.close(), this.publisher.quit()]);
  }

  private async pending(): Promise<Job<QueuedJobData>[]> {
    return (await this.queue.getJobs(['active', 'waiting', 'prioritized', 'delayed'])) as Job<QueuedJobData>[];
  }

  private relay(jobId: string, event: (job: JobRef) => JobEvent): void {
    const m = this.mine.get(jobId);
    if (!m) return;
    this.arm(jobId);
    this.emit(event(m.ref));
  }

  private ended(jobId: string, outcome: QueuedJobOutcome | undefined): void {
    const m = this.mine.get(jobId);
    if (!m) return;
    this.forget(jobId);
    if (outcome && 'cancelled' in outcome) this.emit({ type: 'cancelled', job: m.ref, by: outcome.cancelled });
    else this.emit({ type: 'result', job: m.ref, result: decodeJobValue(outcome?.result) });
  }

  private failed(jobId: string, reason: string): void {
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
    this.emit({ type: 'failed', job: m.ref, error });
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
      this.emit({ type: 'failed', job: m.ref, error: { code: 'worker-lost', message: 'No worker finished this job in time; it was stopped.' } });
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
