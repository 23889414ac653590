import { describe, expect, it } from 'vitest';
import { latePenalty } from './late-policy.ts';

const deadline = '2026-11-20T17:00:00Z';
const perDay = { kind: 'per-day', percentPerDay: 10, capPercent: 30 } as const;
const at = (iso: string) => new Date(iso);

describe('latePenalty', () => {
  it('costs nothing at the deadline exactly, before it, or without one', () => {
    const none = { late: false, daysLate: 0, refused: false, penaltyPercent: 0, penalty: 0, total: 80 };
    expect(latePenalty(perDay, deadline, at('2026-11-20T17:00:00Z'), 80)).toEqual(none);
    expect(latePenalty(perDay, deadline, at('2026-11-19T09:00:00Z'), 80)).toEqual(none);
    expect(latePenalty({ kind: 'refuse' }, null, at('2030-01-01T00:00:00Z'), 80)).toEqual(none);
  });

  it('counts one second late as one day', () => {
    expect(latePenalty(perDay, deadline, at('2026-11-20T17:00:01Z'), 80)).toEqual({ late: true, daysLate: 1, refused: false, penaltyPercent: 10, penalty: 8, total: 72 });
  });

  it('counts started days: 2 days and 1 hour late is 3 days', () => {
    expect(latePenalty(perDay, deadline, at('2026-11-22T18:00:00Z'), 75)).toEqual({ late: true, daysLate: 3, refused: false, penaltyPercent: 30, penalty: 22.5, total: 52.5 });
  });

  it('never takes more than the cap', () => {
    expect(latePenalty(perDay, deadline, at('2026-11-30T17:00:00Z'), 80)).toEqual({ late: true, daysLate: 10, refused: false, penaltyPercent: 30, penalty: 24, total: 56 });
  });

  it('honours the deadline\'s time zone and rounds to 2 decimals', () => {
    // 17:00 at +02:00 is 15:00Z: 15:00:01Z is late.
    const r = latePenalty({ kind: 'per-day', percentPerDay: 7, capPercent: 50 }, '2026-11-20T17:00:00+02:00', at('2026-11-20T15:00:01Z'), 33.33);
    expect(r).toEqual({ late: true, daysLate: 1, refused: false, penaltyPercent: 7, penalty: 2.33, total: 31 });
  });

  it('refuses late submissions under the refuse policy', () => {
    expect(latePenalty({ kind: 'refuse' }, deadline, at('2026-11-20T17:00:01Z'), 80)).toEqual({ late: true, daysLate: 1, refused: true, penaltyPercent: 100, penalty: 80, total: 0 });
    expect(latePenalty({ kind: 'refuse' }, deadline, at('2026-11-20T16:59:59Z'), 80).refused).toBe(false);
  });
});
