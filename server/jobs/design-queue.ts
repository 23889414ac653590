/** Anything the queue can hold: it needs only an id and the design it belongs to. */
export interface QueueItem {
  id: string;
  designId: string;
}

/** Caps on waiting jobs, so one busy room (or a flood of rooms) cannot queue work without bound. */
export interface QueueCaps {
  maxQueuedPerDesign: number;
  maxQueuedTotal: number;
}

/** Accepted, or refused with a reason a person can read. */
export type EnqueueOutcome = { ok: true } | { ok: false; code: 'design-queue-full' | 'queue-full'; message: string };

/**
 * Who runs next, as plain data: one job per design at a time, first come first
 * served within a design, and across designs the earliest waiting job whose
 * design is idle. No threads or timers here, so the rules are tested directly.
 */
export class DesignQueue<T extends QueueItem> {
  /** Every waiting job in submission order; a design's queue is its subsequence. */
  private readonly waiting: T[] = [];
  private readonly busy = new Set<string>();

  constructor(private readonly caps: QueueCaps) {}

  /** Appends a job, unless its design or the server already has as many waiting as allowed. */
  enqueue(job: T): EnqueueOutcome {
    if (this.waiting.length >= this.caps.maxQueuedTotal) {
      return { ok: false, code: 'queue-full', message: `The server already has ${this.caps.maxQueuedTotal} jobs waiting; try again in a moment.` };
    }
    const mine = this.waiting.filter((j) => j.designId === job.designId).length;
    if (mine >= this.caps.maxQueuedPerDesign) {
      return {
        ok: false,
        code: 'design-queue-full',
        message: `This design already has ${mine} jobs waiting; wait for one to finish or cancel one.`,
      };
    }
    this.waiting.push(job);
    return { ok: true };
  }

  /** Removes and returns the next job that may start (its design idle), marking its design busy. */
  take(): T | undefined {
    const index = this.waiting.findIndex((j) => !this.busy.has(j.designId));
    if (index < 0) return undefined;
    const [job] = this.waiting.splice(index, 1);
    this.busy.add(job.designId);
    return job;
  }

  /** Marks a design idle again once its running job has ended. */
  release(designId: string): void {
    this.busy.delete(designId);
  }

  /** Takes a waiting job out of the queue (cancelled); undefined if it is not waiting. */
  remove(jobId: string): T | undefined {
    const index = this.waiting.findIndex((j) => j.id === jobId);
    return index < 0 ? undefined : this.waiting.splice(index, 1)[0];
  }

  /** Removes and returns every waiting job (on shutdown). */
  drain(): T[] {
    return this.waiting.splice(0);
  }

  /** The waiting jobs of a design with their positions, 1 = next. */
  positions(designId: string): Array<{ job: T; position: number }> {
    return this.waiting.filter((j) => j.designId === designId).map((job, i) => ({ job, position: i + 1 }));
  }

  /** Whether a job with this id is waiting. */
  has(jobId: string): boolean {
    return this.waiting.some((j) => j.id === jobId);
  }
}
