import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressThrottle } from './progress-throttle.ts';

describe('ProgressThrottle', () => {
  let clock = 0;
  let sent: unknown[];
  let throttle: ProgressThrottle;

  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
    sent = [];
    throttle = new ProgressThrottle(100, (p) => sent.push(p), () => clock);
  });
  afterEach(() => {
    throttle.dispose();
    vi.useRealTimers();
  });

  it('sends the first report at once and drops all but the latest within an interval', () => {
    throttle.report(1);
    clock = 10;
    throttle.report(2);
    clock = 50;
    throttle.report(3);
    expect(sent).toEqual([1]);
    clock = 100;
    throttle.report(4);
    expect(sent).toEqual([1, 4]);
  });

  it('sends a held value when the interval ends, if the event loop gets a turn', () => {
    throttle.report('a');
    clock = 30;
    throttle.report('b');
    clock = 100;
    vi.advanceTimersByTime(70);
    expect(sent).toEqual(['a', 'b']);
  });

  it('flush sends the held value once, and dispose drops it', () => {
    throttle.report('a');
    throttle.report('b');
    throttle.flush();
    throttle.flush();
    expect(sent).toEqual(['a', 'b']);
    throttle.report('c');
    throttle.dispose();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual(['a', 'b']);
  });

  it('keeps a chatty synchronous job to about one message per interval', () => {
    for (let step = 0; step < 10_000; step++) {
      clock = step * 0.1; // 10,000 reports over 1 s
      throttle.report(step);
    }
    throttle.flush();
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.at(-1)).toBe(9_999);
  });
});
