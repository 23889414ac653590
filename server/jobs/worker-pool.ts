import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import { DesignQueue } from './design-queue.ts';
import type { JobKinds } from './job-kind.ts';
import {
  SERVER_CANCEL,
  type JobError,
  type JobEvent,
  type JobListener,
  type JobRef,
  type JobRequest,
  type JobRunner,
  type JobStatus,
  type SubmitOutcome,
} from './job-runner.ts';
import { JobThread, type JobThreadOptions } from './job-thread.ts';
import { LoopPressure } from './loop-pressure.ts';
import { defaultJobPoolSettings, type JobPoolSettings } from './pool-settings.ts';
import type { FromWorker } from './worker-protocol.ts';
import { issueMessage } from '../../lib/protocol/issue-message.ts';

/** The built-in job kinds (run, and train once it exists). */
export const DEFAULT_KINDS_MODULE = new URL('./kinds/index.ts', import.meta.url);

/** How to start a pool: settings (each defaulted) plus where the job kinds live. */
export interface WorkerPoolOptions extends Partial<Omit<JobPoolSettings, 'limits'>> {
  limits?: Partial<JobPoolSettings['limits']>;
  /** Module exporting `jobKinds`; loaded on this thread (payload schemas) and in every worker (handlers). */
  kindsModule?: URL;
  log?: Logger;
}

/** A job that has been validated; `payload` is what its kind's schema produced. */
interface Accepted {
  id: string;
  designId: string;
  ref: JobRef;
  payload: unknown;
}

interface Running {
  job: Accepted;
  startedAt: number;
  lastProgress: unknown;
  cancelledBy: string | null;
  wallTimer?: ReturnType<typeof setTimeout>;
  graceTimer?: ReturnType<typeof setTimeout>;
  ended: Promise<void>;
  markEnded: () => void;
}

interface Slot {
  /** Null while a thread that died at start-up waits to be replaced, or before a cold slot's first job. */
  thread: JobThread | null;
  running: Running | null;
  /** No thread started yet: one starts when a job first needs this slot. */
  cold: boolean;
}

/** A thread that dies before it is ready is not restarted at once, so a broken setup cannot spin. */
const RESPAWN_DELAY_MS = 1_000;
/** Extra time a fresh thread gets to load its modules before its job's wall clock starts. */
const STARTUP_ALLOWANCE_MS = 30_000;

/**
 * Runs jobs in worker threads on this machine, never on the event loop: one
 * job per design at a time, designs in parallel up to one per thread, with
 * caps on queue length, payloads and wall time. A job that crashes, hangs or
 * ignores a cancel costs only its own thread, which is replaced.
 */
export class WorkerPool implements JobRunner {
  private readonly queue: DesignQueue<Accepted>;
  private readonly slots: Slot[] = [];
  private readonly listeners = new Set<JobListener>();
  /** Last position announced per waiting job, so that only moves are re-announced. */
  private readonly announced = new Map<string, number>();
  private readonly threadOptions: JobThreadOptions;
  /** Job threads pause between steps while this thread's event loop runs late. */
  private readonly loopPressure = new LoopPressure();
  /** Payload schemas by kind, built once from the limits. */
  private readonly schemas: Map<string, z.ZodType>;
  private closed = false;

  /** Loads the job kinds and starts the threads; throws if a thread cannot load them. */
  static async start(options: WorkerPoolOptions = {}): Promise<WorkerPool> {
    const kindsModule = options.kindsModule ?? DEFAULT_KINDS_MODULE;
    const { jobKinds } = (await import(kindsModule.href)) as { jobKinds: JobKinds };
    const defaults = defaultJobPoolSettings();
    const { limits, log, kindsModule: _, ...rest } = options;
    const settings: JobPoolSettings = { ...defaults, ...stripUndefined(rest), limits: { ...defaults.limits, ...stripUndefined(limits ?? {}) } };
    const pool = new WorkerPool(settings, jobKinds, kindsModule.href, log);
    try {
      await Promise.all(pool.slots.map((slot) => slot.thread?.ready));
    } catch (err) {
      await pool.close();
      throw new Error(`The job workers could not start: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    return pool;
  }

  private constructor(
    readonly settings: JobPoolSettings,
    kinds: JobKinds,
    kindsModule: string,
    private readonly log?: Logger,
  ) {
    this.queue = new DesignQueue(settings);
    // Own keys only, so that 'constructor' or '__proto__' is an unknown kind and not Object's.
    this.schemas = new Map(Object.entries(kinds).map(([name, kind]) => [name, kind.payload(settings.limits)]));
    this.threadOptions = {
      kindsModule,
      limits: settings.limits,
      progressIntervalMs: settings.progressIntervalMs,
      memoryMb: settings.workerMemoryMb,
      threadPriority: settings.threadPriority,
      loopPressure: this.loopPressure.buffer,
    };
    this.loopPressure.start();
    const warm = Math.min(settings.workers, Math.max(1, settings.warmWorkers));
    for (let i = 0; i < settings.workers; i++) {
      const slot: Slot = { thread: null, running: null, cold: i >= warm };
      if (!slot.cold) slot.thread = this.spawn(slot);
      this.slots.push(slot);
    }
  }

  async submit(request: JobRequest): Promise<SubmitOutcome> {
    if (this.closed) return { ok: false, code: 'closed', message: 'The server is shutting down; try again in a moment.' };
    if (this.queue.has(request.id) || this.slots.some((s) => s.running?.job.id === request.id)) {
      return { ok: false, code: 'duplicate-id', message: `A job with id '${request.id}' is already pending.` };
    }
    const schema = this.schemas.get(request.kind);
    if (!schema) return { ok: false, code: 'unknown-kind', message: `This server does not run '${request.kind}' jobs.` };
    const parsed = schema.safeParse(request.payload);
    if (!parsed.success) return { ok: false, code: 'bad-payload', message: issueMessage(parsed.error) };
    const { id, designId, kind: kindName, requestedBy } = request;
    const job: Accepted = { id, designId, ref: { id, designId, kind: kindName, requestedBy }, payload: parsed.data };
    const queued = this.queue.enqueue(job);
    if (!queued.ok) return queued;
    this.schedule();
    this.announce(designId);
    return { ok: true };
  }

  async cancel(jobId: string, by: string): Promise<boolean> {
    const waiting = this.queue.remove(jobId);
    if (waiting) {
      this.announced.delete(jobId);
      this.emit({ type: 'cancelled', job: waiting.ref, by });
      this.announce(waiting.designId);
      return true;
    }
    const slot = this.slots.find((s) => s.running?.job.id === jobId);
    const running = slot?.running;
    if (!slot || !running) return false;
    if (running.cancelledBy !== null) return true; // already stopping: the first canceller is the one reported
    running.cancelledBy = by;
    slot.thread?.requestCancel();
    running.graceTimer = setTimeout(() => {
      this.log?.warn({ jobId, graceMs: this.settings.cancelGraceMs }, 'job ignored cancel: terminating its worker');
      this.replaceThread(slot);
      this.finish(slot, { type: 'cancelled', job: running.job.ref, by });
    }, this.settings.cancelGraceMs);
    return true;
  }

  /** Worker threads started so far (warm ones at once, the rest when jobs first need them). */
  get threadsStarted(): number {
    return this.slots.filter((slot) => !slot.cold).length;
  }

  async jobsOf(designId: string): Promise<JobStatus[]> {
    const statuses: JobStatus[] = [];
    for (const { running } of this.slots) {
      if (running?.job.designId === designId) {
        statuses.push({ state: 'running', job: running.job.ref, startedAt: running.startedAt, lastProgress: running.lastProgress });
      }
    }
    for (const { job, position } of this.queue.positions(designId)) statuses.push({ state: 'queued', job: job.ref, position });
    return statuses;
  }

  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.loopPressure.stop();
    for (const job of this.queue.drain()) {
      this.announced.delete(job.id);
      this.emit({ type: 'cancelled', job: job.ref, by: SERVER_CANCEL });
    }
    const stopping: Array<Promise<void>> = [];
    for (const { running } of this.slots) {
      if (!running) continue;
      void this.cancel(running.job.id, SERVER_CANCEL);
      stopping.push(running.ended);
    }
    await Promise.all(stopping); // each ends cooperatively or by its grace timer
    await Promise.all(this.slots.map((slot) => this.retire(slot)));
  }

  private spawn(slot: Slot): JobThread {
    const thread = new JobThread(this.threadOptions, {
      message: (message) => this.onMessage(slot, message),
      died: (reason, wasReady) => this.onDeath(slot, reason, wasReady),
    });
    return thread;
  }

  /** Starts waiting jobs on idle threads, as far as designs and threads allow. */
  private schedule(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.running || (!slot.thread && !slot.cold)) continue;
      const job = this.queue.take();
      if (!job) return;
      if (slot.cold || !slot.thread) {
        // A fresh thread takes its first job as soon as it has loaded (messages queue until then).
        slot.cold = false;
        slot.thread = this.spawn(slot);
      }
      this.dispatch(slot, slot.thread, job);
      this.announce(job.designId);
    }
  }

  private dispatch(slot: Slot, thread: JobThread, job: Accepted): void {
    this.announced.delete(job.id);
    let markEnded: () => void = () => {};
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    const running: Running = { job, startedAt: Date.now(), lastProgress: null, cancelledBy: null, ended, markEnded };
    slot.running = running;
    // The wall clock starts when the handler does (a fresh thread first loads
    // its modules); this first timer only covers a thread that never gets there.
    this.startWallClock(slot, running, this.settings.wallTimeMs + STARTUP_ALLOWANCE_MS);
    thread.start(job.id, job.ref.kind, job.payload);
  }

  private startWallClock(slot: Slot, running: Running, timeoutMs = this.settings.wallTimeMs): void {
    clearTimeout(running.wallTimer);
    running.wallTimer = setTimeout(() => {
      this.log?.warn({ jobId: running.job.id, wallTimeMs: this.settings.wallTimeMs }, 'job timed out: terminating its worker');
      this.replaceThread(slot);
      const { ref } = running.job;
      const seconds = Math.round(this.settings.wallTimeMs / 100) / 10;
      const error = { code: 'timeout', message: `The job took longer than ${seconds} s and was stopped.` };
      this.finish(slot, running.cancelledBy === null ? { type: 'failed', job: ref, error } : { type: 'cancelled', job: ref, by: running.cancelledBy });
    }, timeoutMs);
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    const running = slot.running;
    if (message.type === 'ready' || !running || message.jobId !== running.job.id) return;
    const ref = running.job.ref;
    // Once cancelled, whatever the job still says is moot: the room was told it is stopping.
    const cancelled = running.cancelledBy === null ? null : ({ type: 'cancelled', job: ref, by: running.cancelledBy } as const);
    switch (message.type) {
      case 'started':
        if (cancelled) return;
        running.startedAt = Date.now();
        this.startWallClock(slot, running);
        this.emit({ type: 'started', job: ref });
        return;
      case 'progress':
        if (cancelled) return;
        running.lastProgress = message.progress;
        this.emit({ type: 'progress', job: ref, progress: message.progress });
        return;
      case 'result':
        return this.finish(slot, cancelled ?? { type: 'result', job: ref, result: message.result });
      case 'failed':
        return this.finish(slot, cancelled ?? { type: 'failed', job: ref, error: message.error });
      case 'cancelled':
        return this.finish(slot, cancelled ?? { type: 'cancelled', job: ref, by: SERVER_CANCEL });
    }
  }

  private onDeath(slot: Slot, reason: JobError, wasReady: boolean): void {
    const running = slot.running;
    if (running) this.log?.error({ jobId: running.job.id, reason }, 'job worker died');
    else this.log?.error({ reason, wasReady }, 'idle job worker died');
    slot.thread = null;
    if (!this.closed) {
      if (wasReady) slot.thread = this.spawn(slot);
      else setTimeout(() => this.respawn(slot), RESPAWN_DELAY_MS).unref();
    }
    if (running) {
      const ref = running.job.ref;
      this.finish(slot, running.cancelledBy === null ? { type: 'failed', job: ref, error: reason } : { type: 'cancelled', job: ref, by: running.cancelledBy });
    }
  }

  private respawn(slot: Slot): void {
    if (this.closed || slot.thread) return;
    slot.thread = this.spawn(slot);
    this.schedule();
  }

  /** Terminates a thread mid-job and puts a fresh one in its place. */
  private replaceThread(slot: Slot): void {
    void this.retire(slot);
    if (!this.closed) slot.thread = this.spawn(slot);
  }

  private async retire(slot: Slot): Promise<void> {
    const thread = slot.thread;
    slot.thread = null;
    await thread?.terminate();
  }

  /** Ends the slot's job with its one final event and lets the next job in. */
  private finish(slot: Slot, event: Extract<JobEvent, { type: 'result' | 'failed' | 'cancelled' }>): void {
    const running = slot.running;
    if (!running) return;
    clearTimeout(running.wallTimer);
    clearTimeout(running.graceTimer);
    slot.running = null;
    this.queue.release(running.job.designId);
    this.emit(event);
    running.markEnded();
    this.schedule();
  }

  /** Tells the design's waiting jobs their position, when it is new or has moved. */
  private announce(designId: string): void {
    for (const { job, position } of this.queue.positions(designId)) {
      if (this.announced.get(job.id) === position) continue;
      this.announced.set(job.id, position);
      this.emit({ type: 'queued', job: job.ref, position });
    }
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        // A broken bridge must not stop the pool from finishing jobs.
        this.log?.error({ err, event: event.type, jobId: event.job.id }, 'job listener threw');
      }
    }
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
