import { z } from 'zod';
import { defineJobKind, JobFailure, type JobContext, type JobKinds } from '../job-kind.ts';
import { thisThreadScheduling } from '../thread-priority.ts';

// Job kinds for the pool's tests, loaded through the `kindsModule` option
// exactly as the real kinds are: on the test's thread for payloads, in every
// worker for handlers.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Burns CPU on this thread for `ms`, stopping early if asked to. */
function spin(ms: number, context?: JobContext): boolean {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (context?.isCancelled()) return false;
  }
  return true;
}

/** The test kinds, by name. */
export const jobKinds: JobKinds = {
  /** Answers how the kernel schedules the job's thread. */
  scheduling: defineJobKind({
    payload: () => z.object({}),
    handle: () => thisThreadScheduling(),
  }),

  /** Waits `ms` without blocking its thread, checking for cancel every 10 ms. */
  sleep: defineJobKind({
    payload: () => z.object({ ms: z.number().int().min(0), label: z.string().optional() }),
    async handle({ ms, label }, { isCancelled }) {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        if (isCancelled()) return { stopped: true };
        await sleep(Math.min(10, end - Date.now()));
      }
      return { slept: ms, label };
    },
  }),

  /** Counts to `steps`, busy for `stepMs` each, reporting progress after every step; steps are capped like training. */
  'count-with-progress': defineJobKind({
    payload: (limits) => z.object({ steps: z.number().int().min(1).max(limits.maxSteps), stepMs: z.number().min(0) }),
    handle({ steps, stepMs }, context) {
      for (let step = 1; step <= steps; step++) {
        if (!spin(stepMs, context)) return { stoppedAt: step };
        context.reportProgress({ step, totalSteps: steps });
      }
      return { counted: steps };
    },
  }),

  /** A synchronous CPU-bound job of `ms` that checks for cancel as it goes. */
  busy: defineJobKind({
    payload: () => z.object({ ms: z.number().min(0) }),
    handle({ ms }, context) {
      return { finished: spin(ms, context) };
    },
  }),

  /** A synchronous job that never looks at the cancel flag. */
  'ignore-cancel': defineJobKind({
    payload: () => z.object({ ms: z.number().min(0) }),
    handle({ ms }) {
      spin(ms);
      return { finished: true };
    },
  }),

  /** Fails in the way asked for. */
  crash: defineJobKind({
    payload: () => z.object({ how: z.enum(['throw', 'fail', 'exit', 'stray-throw', 'oom', 'unclonable']) }),
    async handle({ how }) {
      switch (how) {
        case 'throw':
          throw new Error('boom');
        case 'fail':
          throw new JobFailure('invalid-design', 'The design has no output.');
        case 'exit':
          process.exit(3);
          break;
        case 'stray-throw':
          // Escapes the handler's promise, so only the thread's end reveals it.
          setTimeout(() => {
            throw new Error('stray boom');
          });
          await sleep(1_000);
          break;
        case 'oom': {
          const hoard: number[][] = [];
          for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i + hoard.length));
        }
        case 'unclonable':
          return { callback: () => 1 };
      }
      return null;
    },
  }),
};
