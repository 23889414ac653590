import { describe, expect, it } from 'vitest';
import { parseLoggedOp } from './design-state.ts';
import { parseDesignOp } from './ops/index.ts';
import { describeIssue, MAX_ISSUE_MESSAGE } from './zod-issue.ts';

describe('refusal sentences from zod issues', () => {
  it('lead with where the problem is', () => {
    expect(describeIssue({ path: ['tests', 2, 'points'], message: 'Too small' })).toBe('tests.2.points: Too small');
    expect(describeIssue({ path: [], message: 'Expected object' })).toBe('Expected object');
  });

  it('stay short however many unknown keys an op carries', () => {
    const settings = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    for (const answer of [parseLoggedOp({ type: 'setSettings', settings }), parseDesignOp({ type: 'setSettings', settings })]) {
      expect(answer.ok).toBe(false);
      if (answer.ok) continue;
      expect(answer.message).toMatch(/^settings: Unrecognized keys: "k0", "k1"/);
      expect(answer.message.length).toBeLessThanOrEqual(MAX_ISSUE_MESSAGE);
      expect(answer.message.endsWith('…')).toBe(true);
    }
  });
});
