import type { JobLimits } from './job-kind.ts';
import type { JobError } from './job-runner.ts';
import type { ThreadPriority } from './thread-priority.ts';

/** What every worker thread is started with. */
export interface JobWorkerData {
  /** URL of worker-main.ts, imported by the bootstrap once TypeScript can be loaded. */
  entry: string;
  /** URL of the module whose `jobKinds` export names the handlers. */
  kindsModule: string;
  /** One Int32: 1 while the current job should stop. Shared, so a busy handler sees it without reading messages. */
  cancelFlag: SharedArrayBuffer;
  limits: JobLimits;
  progressIntervalMs: number;
  /** How the thread yields the CPU to the event loop. */
  threadPriority: ThreadPriority;
  /** One Int32 the event loop raises while it runs late (loop-pressure.ts): jobs pause between steps. */
  loopPressure: SharedArrayBuffer;
}

/** Main thread → worker. */
export type ToWorker = { type: 'start'; jobId: string; kind: string; payload: unknown };

/** Worker → main thread. Job messages carry the job id so that a late message from an ended job is ignored. */
export type FromWorker =
  /** Job kinds loaded; `priority` is the CPU priority the thread got (it may be weaker than asked). */
  | { type: 'ready'; priority: ThreadPriority }
  /** The handler has begun: the job's wall time counts from here, not from the thread's start-up. */
  | { type: 'started'; jobId: string }
  | { type: 'progress'; jobId: string; progress: unknown }
  | { type: 'result'; jobId: string; result: unknown }
  | { type: 'failed'; jobId: string; error: JobError }
  | { type: 'cancelled'; jobId: string };

/** Value of the cancel flag while the current job should stop. */
export const CANCEL_REQUESTED = 1;
