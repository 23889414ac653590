/**
 * Limits how often a job's progress is sent, so that a handler reporting
 * every step cannot flood a room. The latest value always wins: values in
 * between are dropped, and the last one is sent when the interval ends (if the
 * job yields to its event loop) or at the latest by `flush()`, before the result.
 */
export class ProgressThrottle {
  private lastSentAt = -Infinity;
  private pending: { value: unknown } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (progress: unknown) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Sends now if the interval has passed since the last send; otherwise keeps the value for later. */
  report(progress: unknown): void {
    const elapsed = this.now() - this.lastSentAt;
    if (elapsed >= this.intervalMs) {
      this.pending = null;
      this.clearTimer();
      this.emit(progress);
      return;
    }
    this.pending = { value: progress };
    // A synchronous handler never lets this fire; its next report() or flush() covers it.
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.intervalMs - elapsed);
  }

  /** Sends the value still waiting, if any. */
  flush(): void {
    this.clearTimer();
    if (!this.pending) return;
    const { value } = this.pending;
    this.pending = null;
    this.emit(value);
  }

  /** Drops the waiting value and the timer (when the job was cancelled). */
  dispose(): void {
    this.clearTimer();
    this.pending = null;
  }

  private emit(progress: unknown): void {
    this.lastSentAt = this.now();
    this.send(progress);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
