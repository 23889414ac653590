/**
 * Loop pressure: the event loop tells job threads, through one shared Int32,
 * when it is running late, and job threads pause between steps until it has
 * caught up. A lower CPU priority (thread-priority.ts) is not enough on its
 * own: a job thread on the other core still slows the loop down (shared
 * caches and execution units, V8's compile threads), most of all with the
 * WebAssembly SIMD kernels. Measured with `npm run bench -- load`.
 */

/** Value of the flag while the loop is late. */
const LATE = 1;
/** The loop checks its own lateness this often. */
const TICK_MS = 10;
/** Lateness of a tick that counts as "late". */
const LATE_MS = 8;
/** Jobs keep pausing this long after the last late tick. */
const HOLD_MS = 100;
/** Longest single pause of a job, so a cancel or a stuck loop never stops it for good. */
const MAX_PAUSE_MS = 200;

/** The main thread's side: measures the loop and raises or lowers the shared flag. */
export class LoopPressure {
  readonly buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  private readonly flag = new Int32Array(this.buffer);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lateUntil = 0;

  start(): void {
    if (this.timer) return;
    let expected = performance.now() + TICK_MS;
    const tick = () => {
      const now = performance.now();
      if (now - expected > LATE_MS) this.lateUntil = now + HOLD_MS;
      const late = now < this.lateUntil;
      if ((Atomics.load(this.flag, 0) === LATE) !== late) {
        Atomics.store(this.flag, 0, late ? LATE : 0);
        if (!late) Atomics.notify(this.flag, 0);
      }
      expected = now + TICK_MS;
      this.timer = setTimeout(tick, TICK_MS);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    Atomics.store(this.flag, 0, 0);
    Atomics.notify(this.flag, 0);
  }
}

/** A job thread's side: pauses while the loop is late (at most MAX_PAUSE_MS at a time); answers the ms paused. */
export function yieldToLoop(buffer: SharedArrayBuffer): number {
  const flag = new Int32Array(buffer);
  if (Atomics.load(flag, 0) !== LATE) return 0;
  const started = performance.now();
  Atomics.wait(flag, 0, LATE, MAX_PAUSE_MS);
  return performance.now() - started;
}
