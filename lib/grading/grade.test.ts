import { describe, expect, it } from 'vitest';
import { gradeDesign, gradeReportSchema, GradingCancelled, type GradeProgress } from './grade.ts';
import { assignment, template, withParams } from './testing/graded-designs.ts';

const spec = assignment([
  { kind: 'validates', name: 'It validates', points: 2 },
  { kind: 'node-count', nodeType: 'multi-head-attention', min: 2, points: 3, visibility: 'hidden' },
  { kind: 'causal-decoder-attention', points: 5, feedback: { pass: 'Masked.', fail: 'Mask the decoder.' } },
  { kind: 'training', id: 'learns', task: 'sine-forecasting', steps: 4, seed: 2, learningRate: 3e-3, timeCapSeconds: 30, metric: 'loss', full: 0, zero: 5, points: 3 },
]);

describe('gradeDesign', () => {
  it('reports every test in order with its points, feedback and detail, and the totals', () => {
    const progress: GradeProgress[] = [];
    const report = gradeDesign(spec, template('tiny-series-forecaster'), { onProgress: (p) => progress.push(p) });
    expect(gradeReportSchema.parse(report)).toEqual(report);
    expect(report.results.map((r) => [r.testId, r.kind, r.visibility, r.points, r.passed])).toEqual([
      ['t1', 'validates', 'visible', 2, true],
      ['t2', 'node-count', 'hidden', 3, false],
      ['t3', 'causal-decoder-attention', 'visible', 5, false],
      ['learns', 'training', 'visible', 3, false],
    ]);
    expect(report.results[0]).toMatchObject({ name: 'It validates', earned: 2, feedback: 'well done' });
    expect(report.results[1]).toMatchObject({ earned: 0, measured: 1, detail: '1 multi-head attention (at least 2 wanted)' });
    expect(report.results[2]).toMatchObject({ earned: 0, feedback: 'Mask the decoder.' });
    // Partial credit on the loss, rounded to 2 decimals.
    const learned = report.results[3];
    expect(learned.earned).toBe(Math.round(3 * ((5 - learned.measured!) / 5) * 100) / 100);
    expect(learned.earned).toBeGreaterThan(0);
    expect(report.possible).toBe(13);
    expect(report.earned).toBe(Math.round((2 + learned.earned) * 100) / 100);
    expect(progress).toEqual([1, 2, 3, 4].map((step) => ({ testId: 'learns', step, steps: 4 })));
  });

  it('is deterministic: the same spec and design give an identical report', () => {
    const doc = template('tiny-series-forecaster');
    expect(JSON.stringify(gradeDesign(spec, doc))).toBe(JSON.stringify(gradeDesign(spec, structuredClone(doc))));
  });

  it('grades what the design is: fixing it changes the result', () => {
    const doc = template('tiny-decoder-language-model');
    const structural = assignment([{ kind: 'causal-decoder-attention', points: 4 }, { kind: 'heads-concatenated', points: 1 }]);
    expect(gradeDesign(structural, doc)).toMatchObject({ earned: 5, possible: 5 });
    expect(gradeDesign(structural, withParams(doc, 'decoder.selfAttn', { causal: false, headMerge: 'mean' }))).toMatchObject({ earned: 0, possible: 5 });
  });

  it('throws GradingCancelled when cancelled during a training test', () => {
    expect(() => gradeDesign(spec, template('tiny-series-forecaster'), { isCancelled: () => true })).toThrow(GradingCancelled);
  });
});
