/** A one-line progress bar redrawn in place on a terminal. */
import { duration } from './format.ts';

const WIDTH = 24;

/** The bar's line for `done` of `total`, with a text after it, e.g. `[██████░░░░]  25%  step 50/200  loss 1.23  2.1 s left`. */
export function progressLine(done: number, total: number, text: string): string {
  const fraction = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(fraction * WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${text}`;
}

/** Redraws at most every `intervalMs` (and always at the end), so a fast loop does not flood the terminal. */
export class ProgressBar {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly total: number,
    private readonly intervalMs = 100,
  ) {}

  /** Shows progress `done` with `text` after the bar. */
  update(done: number, text: string, now = performance.now()): void {
    if (done < this.total && now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    this.drawn = true;
    // \r back to the start, \x1b[K clears what a longer previous line left.
    this.write(`\r${progressLine(done, this.total, text)}\x1b[K`);
  }

  /** Ends the bar's line so that what follows starts on a new one. */
  finish(): void {
    if (this.drawn) this.write('\n');
    this.drawn = false;
  }
}

/** "2.1 s left" from the time taken so far. */
export function timeLeft(elapsedMs: number, done: number, total: number): string {
  return done === 0 ? '' : `${duration((elapsedMs / done) * (total - done))} left`;
}
