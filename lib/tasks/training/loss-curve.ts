/**
 * A loss curve of any length kept to a bounded number of points: when the
 * points would exceed the limit, neighbouring pairs are merged into their
 * mean, so each point covers 1, 2, 4, … consecutive steps. Adding a step is
 * amortised O(1), which matters when a job reports the curve every step.
 */

/** One point: the mean training loss of the steps up to and including `step` since the previous point. */
export interface LossPoint {
  step: number;
  loss: number;
}

interface Bucket {
  lastStep: number;
  sum: number;
  count: number;
}

/** A downsampling loss curve; see the module comment. */
export class LossCurve {
  private readonly buckets: Bucket[] = [];
  /** Steps per full bucket (a power of two). */
  private width = 1;

  constructor(readonly maxPoints: number) {
    if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new Error(`LossCurve: maxPoints must be an integer of at least 2, got ${maxPoints}`);
  }

  /** Adds the loss of one step; steps must increase. */
  add(step: number, loss: number): void {
    const last = this.buckets.at(-1);
    if (last && step <= last.lastStep) throw new Error(`LossCurve: step ${step} does not follow ${last.lastStep}`);
    if (last && last.count < this.width) {
      last.lastStep = step;
      last.sum += loss;
      last.count += 1;
    } else {
      this.buckets.push({ lastStep: step, sum: loss, count: 1 });
    }
    if (this.buckets.length > this.maxPoints) this.halve();
  }

  /** The curve as points, oldest first (at most maxPoints). */
  points(): LossPoint[] {
    return this.buckets.map((b) => ({ step: b.lastStep, loss: b.sum / b.count }));
  }

  private halve(): void {
    const merged: Bucket[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i];
      const b = this.buckets[i + 1];
      merged.push(b ? { lastStep: b.lastStep, sum: a.sum + b.sum, count: a.count + b.count } : { ...a });
    }
    this.buckets.splice(0, this.buckets.length, ...merged);
    this.width *= 2;
  }
}
