import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { JobLimits } from './job-kind.ts';
import { THREAD_PRIORITIES, type ThreadPriority } from './thread-priority.ts';

/** Everything a worker pool can be tuned with; every field has a default. */
export interface JobPoolSettings {
  /**
   * Jobs running at once (of different designs), each on its own worker thread.
   * More than the cores: the kernel shares the CPU evenly among job threads, so
   * twenty groups training at once all make progress instead of most waiting
   * in the queue behind a few.
   */
  workers: number;
  /** Threads started with the pool; the rest start when a job first needs them, then stay. */
  warmWorkers: number;
  /** A job still running after this long is stopped and fails with 'timeout'. */
  wallTimeMs: number;
  /** How long a cancelled job may take to notice before its thread is terminated. */
  cancelGraceMs: number;
  maxQueuedPerDesign: number;
  maxQueuedTotal: number;
  /** Shortest gap between two progress messages of one job (100 ms = at most ~10 a second). */
  progressIntervalMs: number;
  /** Heap limit per worker thread. */
  workerMemoryMb: number;
  /** CPU priority of job threads against the event loop (see thread-priority.ts). */
  threadPriority: ThreadPriority;
  limits: JobLimits;
}

/** Jobs running at once per core (see JobPoolSettings.workers). */
export const JOBS_PER_CORE = 4;

/** The defaults: jobs share the cores evenly at a priority below the event loop's; generous but finite caps. */
export function defaultJobPoolSettings(): JobPoolSettings {
  return {
    workers: JOBS_PER_CORE * availableParallelism(),
    warmWorkers: Math.max(1, availableParallelism() - 1),
    wallTimeMs: 5 * 60_000,
    cancelGraceMs: 2_000,
    maxQueuedPerDesign: 5,
    maxQueuedTotal: 100,
    progressIntervalMs: 100,
    workerMemoryMb: 1024,
    threadPriority: 'idle',
    limits: { maxSteps: 20_000, maxParams: 5_000_000 },
  };
}

const count = () => z.coerce.number().int().positive();

/** The JOB_* environment variables, to merge into server/config.ts's schema; unset means the default. */
export const JobsEnvSchema = z.object({
  JOB_WORKERS: count().optional(),
  JOB_WALL_TIME_MS: count().optional(),
  JOB_CANCEL_GRACE_MS: count().optional(),
  JOB_MAX_QUEUED_PER_DESIGN: count().optional(),
  JOB_MAX_QUEUED: count().optional(),
  JOB_MAX_STEPS: count().optional(),
  JOB_MAX_PARAMS: count().optional(),
  JOB_WORKER_MEMORY_MB: z.coerce.number().int().min(64).optional(),
  JOB_THREAD_PRIORITY: z.enum(THREAD_PRIORITIES).optional(),
});

/** The pool settings described by parsed JOB_* variables. */
export function jobPoolSettingsFromEnv(env: z.infer<typeof JobsEnvSchema>): JobPoolSettings {
  const d = defaultJobPoolSettings();
  return {
    ...d,
    workers: env.JOB_WORKERS ?? d.workers,
    warmWorkers: Math.min(env.JOB_WORKERS ?? d.workers, d.warmWorkers),
    wallTimeMs: env.JOB_WALL_TIME_MS ?? d.wallTimeMs,
    cancelGraceMs: env.JOB_CANCEL_GRACE_MS ?? d.cancelGraceMs,
    maxQueuedPerDesign: env.JOB_MAX_QUEUED_PER_DESIGN ?? d.maxQueuedPerDesign,
    maxQueuedTotal: env.JOB_MAX_QUEUED ?? d.maxQueuedTotal,
    workerMemoryMb: env.JOB_WORKER_MEMORY_MB ?? d.workerMemoryMb,
    threadPriority: env.JOB_THREAD_PRIORITY ?? d.threadPriority,
    limits: { maxSteps: env.JOB_MAX_STEPS ?? d.limits.maxSteps, maxParams: env.JOB_MAX_PARAMS ?? d.limits.maxParams },
  };
}
