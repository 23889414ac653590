import type { JobEvent, JobRunner } from '../job-runner.ts';

const TERMINAL = new Set(['result', 'failed', 'cancelled']);

/** Whether an event ends its job. */
export const isTerminal = (event: JobEvent) => TERMINAL.has(event.type);

/** Records a runner's events and waits for the ones a test expects. */
export class PoolRecorder {
  readonly events: JobEvent[] = [];
  private waiters: Array<{ match: (e: JobEvent) => boolean; resolve: (e: JobEvent) => void }> = [];

  constructor(runner: JobRunner) {
    runner.subscribe((event) => {
      this.events.push(event);
      for (const waiter of this.waiters.filter((w) => w.match(event))) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    });
  }

  /** The first event (past or future) matching `match`; rejects after `timeoutMs`. */
  next(match: (e: JobEvent) => boolean, timeoutMs = 5_000, what = 'matching job event'): Promise<JobEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  /** The event that ended job `id`. */
  ended(id: string, timeoutMs?: number): Promise<JobEvent> {
    return this.next((e) => e.job.id === id && isTerminal(e), timeoutMs, `end of job ${id}`);
  }

  /** The event types of job `id`, in order, with queue positions spelled out (e.g. 'queued:2'). */
  of(id: string): string[] {
    return this.events.filter((e) => e.job.id === id).map((e) => (e.type === 'queued' ? `queued:${e.position}` : e.type));
  }

  /** Every job that has events has exactly one terminal event, and it is its last. */
  endedOnce(): boolean {
    const ids = new Set(this.events.map((e) => e.job.id));
    return [...ids].every((id) => {
      const mine = this.events.filter((e) => e.job.id === id);
      return mine.filter(isTerminal).length === 1 && isTerminal(mine[mine.length - 1]);
    });
  }
}
