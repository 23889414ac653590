import { Worker } from 'node:worker_threads';
import type { JobLimits } from './job-kind.ts';
import type { JobError } from './job-runner.ts';
import type { ThreadPriority } from './thread-priority.ts';
import { CANCEL_REQUESTED, type FromWorker, type JobWorkerData } from './worker-protocol.ts';

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./worker-main.ts', import.meta.url);

/** How a job thread is set up; the same for every thread of a pool. */
export interface JobThreadOptions {
  kindsModule: string;
  limits: JobLimits;
  progressIntervalMs: number;
  /** Heap limit of the thread, so that a job that eats memory kills its thread, not the server. */
  memoryMb: number;
  threadPriority: ThreadPriority;
  loopPressure: SharedArrayBuffer;
}

/** What the owner hears from a thread: its messages, and its end when the owner did not ask for it. */
export interface JobThreadEvents {
  message(message: FromWorker): void;
  died(reason: JobError, wasReady: boolean): void;
}

/**
 * One worker thread that runs jobs one at a time, with the shared cancel flag
 * its handler polls. The pool owns the scheduling; this class owns the thread.
 */
export class JobThread {
  /** Resolves when the thread has loaded the job kinds; rejects if it dies first. */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private isReady = false;
  private retired = false;
  private crash: Error | null = null;

  constructor(options: JobThreadOptions, events: JobThreadEvents) {
    const workerData: JobWorkerData = {
      entry: ENTRY.href,
      kindsModule: options.kindsModule,
      cancelFlag: this.cancelFlag.buffer as SharedArrayBuffer,
      limits: options.limits,
      progressIntervalMs: options.progressIntervalMs,
      threadPriority: options.threadPriority,
      loopPressure: options.loopPressure,
    };
    this.worker = new Worker(BOOTSTRAP, { workerData, resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } });
    let markReady: () => void = () => {};
    let markFailed: (err: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    this.ready.catch(() => {}); // the owner hears about it through died(); nobody has to await this
    this.worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        this.isReady = true;
        markReady();
      }
      if (!this.retired) events.message(message);
    });
    this.worker.on('error', (err) => {
      this.crash = err;
    });
    this.worker.on('exit', (exitCode) => {
      const reason = describeDeath(this.crash, exitCode);
      markFailed(new Error(reason.message));
      if (!this.retired) events.died(reason, this.isReady);
    });
  }

  /** Sends a job; the thread must be idle. */
  start(jobId: string, kind: string, payload: unknown): void {
    Atomics.store(this.cancelFlag, 0, 0);
    this.worker.postMessage({ type: 'start', jobId, kind, payload });
  }

  /** Asks the running handler to stop at its next check. */
  requestCancel(): void {
    Atomics.store(this.cancelFlag, 0, CANCEL_REQUESTED);
  }

  /** Stops the thread at once (mid-job if need be); its end is not reported as a death. */
  async terminate(): Promise<void> {
    this.retired = true;
    await this.worker.terminate();
  }
}

function describeDeath(crash: Error | null, exitCode: number): JobError {
  if (crash && (crash as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { code: 'out-of-memory', message: 'The job ran out of memory.' };
  }
  if (crash) return { code: 'crashed', message: `The job crashed: ${crash.message}` };
  return { code: 'crashed', message: `The job's worker exited unexpectedly (exit code ${exitCode}).` };
}
