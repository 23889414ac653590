import { describe, expect, it } from 'vitest';
import { formatCountdown, jobHeadline, mayControl, mayRaiseHand, secondsLeft } from './controls.ts';

describe('workshop controls', () => {
  it('belong to the instructor only', () => {
    expect(mayControl('instructor')).toBe(true);
    expect(mayControl('participant')).toBe(false);
    expect(mayControl(null)).toBe(false);
  });

  it('let a participant in a group raise a hand, nobody else', () => {
    expect(mayRaiseHand({ role: 'participant', groupId: 'g1' })).toBe(true);
    expect(mayRaiseHand({ role: 'participant', groupId: null })).toBe(false);
    expect(mayRaiseHand({ role: 'instructor', groupId: null })).toBe(false);
    expect(mayRaiseHand(null)).toBe(false);
  });

  it('count down in whole seconds and print as m:ss', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(secondsLeft('2026-01-01T10:05:00Z', now)).toBe(300);
    expect(secondsLeft('2026-01-01T10:00:00.200Z', now)).toBe(1);
    expect(secondsLeft('2026-01-01T09:00:00Z', now)).toBe(0);
    expect(formatCountdown(300)).toBe('5:00');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(3725)).toBe('1:02:05');
  });

  it('sum up a finished job in one line', () => {
    const job = { id: 'j', kind: 'train', requestedBy: 'p' };
    expect(jobHeadline(undefined)).toBeNull();
    expect(jobHeadline({ designId: 'd', job, type: 'result', result: { task: 'copy', finalMetrics: [{ name: 'accuracy', value: 0.9512 }] } })).toBe('copy: accuracy 0.951');
    expect(jobHeadline({ designId: 'd', job: { ...job, kind: 'run' }, type: 'result', result: { elapsedMs: 41.6 } })).toBe('ran in 42 ms');
    expect(jobHeadline({ designId: 'd', job, type: 'failed', error: { code: 'x', message: 'no output' } })).toBe('failed: no output');
  });
});
