import { describe, expect, it } from 'vitest';
import { RateLimit } from './rate-limit.ts';

describe('RateLimit: a token bucket per connection and kind of message', () => {
  it('lets a burst through, then refuses until time refills it', () => {
    const limit = new RateLimit(3, 2, 0);
    expect([limit.take(0), limit.take(0), limit.take(0), limit.take(0)]).toEqual([true, true, true, false]);
    expect(limit.take(100)).toBe(false); // 0.2 of a token
    expect(limit.take(500)).toBe(true); // one token after half a second at 2/s
    expect(limit.take(500)).toBe(false);
  });

  it('never saves up more than the burst', () => {
    const limit = new RateLimit(2, 10, 0);
    const passed = Array.from({ length: 5 }, () => limit.take(60_000)).filter(Boolean).length;
    expect(passed).toBe(2);
  });
});
