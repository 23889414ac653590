import { describe, expect, it } from 'vitest';
import { assignmentSpecSchema, visibleSpec, type AssignmentSpec } from './assignment-spec.ts';

const feedback = { pass: 'Well done.', fail: 'Look again.' };
const spec = (tests: unknown[], extra: Record<string, unknown> = {}) => ({
  format: 'multihead-assignment',
  version: 1,
  title: 'A causal decoder',
  prompt: 'Build a decoder-only language model.',
  deadline: '2026-12-01T17:00:00+01:00',
  latePolicy: { kind: 'per-day', percentPerDay: 10, capPercent: 50 },
  starter: { kind: 'template', template: 'decoder-language-model' },
  tests,
  ...extra,
});

describe('the assignment format', () => {
  it('reads a spec with visible and hidden tests of several kinds', () => {
    const parsed = assignmentSpecSchema.parse(
      spec([
        { id: 'valid', name: 'Validates', points: 2, visibility: 'visible', feedback, kind: 'validates' },
        { id: 'attention', name: 'Two attentions', points: 1, visibility: 'hidden', feedback, kind: 'node-count', nodeType: 'multiHeadAttention', min: 2 },
        { id: 'learns', name: 'Learns copy', points: 5, visibility: 'hidden', feedback, kind: 'training', task: 'copy', steps: 200, seed: 1, learningRate: 0.003, timeCapSeconds: 30, metric: 'accuracy', full: 0.9, zero: 0.5 },
      ]),
    );
    expect(parsed.tests.map((t) => t.kind)).toEqual(['validates', 'node-count', 'training']);
    expect(visibleSpec(parsed).tests.map((t) => t.id)).toEqual(['valid']);
  });

  it('refuses what cannot be graded, with the reason', () => {
    const base = { name: 'x', points: 1, visibility: 'visible', feedback };
    const issues = (input: unknown) => assignmentSpecSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];
    expect(issues(spec([{ ...base, id: 'n', kind: 'node-count', nodeType: 'linear' }]))).toContain('give at least one of min and max');
    expect(issues(spec([{ ...base, id: 'p', kind: 'parameter-count', min: 10, max: 5 }]))).toContain('min must not exceed max');
    expect(issues(spec([{ ...base, id: 'a', kind: 'validates' }, { ...base, id: 'a', kind: 'validates' }]))).toContain('two tests share an id');
    const training = { ...base, id: 't', kind: 'training', task: 'copy', steps: 100, seed: 0, learningRate: 0.01, timeCapSeconds: 10 };
    expect(issues(spec([{ ...training, metric: 'accuracy', full: 0.5, zero: 0.9 }]))).toContain('for accuracy: zero ≤ full ≤ 1; for loss: zero ≥ full');
    expect(issues(spec([{ ...training, metric: 'loss', full: 2, zero: 1 }]))).toContain('for accuracy: zero ≤ full ≤ 1; for loss: zero ≥ full');
    expect(assignmentSpecSchema.safeParse(spec([{ ...training, metric: 'loss', full: 0.5, zero: 2, steps: 1_000_000 }])).success).toBe(false);
    expect(assignmentSpecSchema.safeParse(spec([{ ...base, id: 'v', kind: 'validates' }], { version: 2 })).success).toBe(false);
    expect(assignmentSpecSchema.safeParse(spec([{ ...base, id: 'd', kind: 'diagnostic-absent', code: 'no-such-code' }])).success).toBe(false);
  });

  it('keeps a hidden test out of what participants see, whole', () => {
    const parsed: AssignmentSpec = assignmentSpecSchema.parse(
      spec([
        { id: 'valid', name: 'Validates', points: 2, visibility: 'visible', feedback, kind: 'validates' },
        { id: 'secret-size', name: 'Under a million parameters', points: 3, visibility: 'hidden', feedback, kind: 'parameter-count', max: 1_000_000 },
      ]),
    );
    expect(JSON.stringify(visibleSpec(parsed))).not.toMatch(/secret-size|Under a million|1000000/);
  });
});
