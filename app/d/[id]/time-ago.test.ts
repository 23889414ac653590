import { describe, expect, it } from 'vitest';
import { exactTime, timeAgo } from './time-ago';

const now = Date.parse('2026-11-25T18:00:00Z');
const before = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('timeAgo', () => {
  it('says how long ago, in the largest whole unit', () => {
    expect(timeAgo(before(5), now)).toBe('just now');
    expect(timeAgo(before(50), now)).toBe('1 minute ago');
    expect(timeAgo(before(3 * 60 + 20), now)).toBe('3 minutes ago');
    expect(timeAgo(before(2 * 3600 + 5), now)).toBe('2 hours ago');
    expect(timeAgo(before(26 * 3600), now)).toBe('yesterday');
    expect(timeAgo(before(9 * 24 * 3600), now)).toBe('last week');
    expect(timeAgo(before(400 * 24 * 3600), now)).toBe('last year');
  });

  it('gives nothing for a time it cannot read', () => {
    expect(timeAgo('soon', now)).toBe('');
    expect(exactTime('soon')).toBe('');
  });

  it('writes the exact time with the date and seconds', () => {
    expect(exactTime('2026-11-25T18:03:12Z')).toMatch(/^\d{1,2} Nov 2026, \d{2}:\d{2}:12$/);
  });
});
