import { describe, expect, it } from 'vitest';
import type { AssignmentTest } from './assignment-spec.ts';
import { assignment, template } from './testing/graded-designs.ts';
import { checkTraining, estimateTrainingSeconds, GradingCancelled, trainingCredit } from './training-check.ts';

type TrainingTest = Extract<AssignmentTest, { kind: 'training' }>;

function trainingTest(fields: Partial<TrainingTest>): TrainingTest {
  const [test] = assignment([{ kind: 'training', task: 'sine-forecasting', steps: 8, seed: 1, learningRate: 3e-3, timeCapSeconds: 60, metric: 'loss', full: 0.01, zero: 10, ...fields }]).tests;
  return test as TrainingTest;
}

describe('trainingCredit', () => {
  it('scales linearly between zero and full, higher is better for accuracy', () => {
    const test = { metric: 'accuracy' as const, full: 0.9, zero: 0.5 };
    expect(trainingCredit(test, 0.7)).toBeCloseTo(0.5, 10);
    expect(trainingCredit(test, 0.95)).toBe(1);
    expect(trainingCredit(test, 0.4)).toBe(0);
  });

  it('lower is better for loss, and equal thresholds are all or nothing', () => {
    expect(trainingCredit({ metric: 'loss', full: 0.1, zero: 0.5 }, 0.2)).toBeCloseTo(0.75, 10);
    expect(trainingCredit({ metric: 'loss', full: 0.1, zero: 0.5 }, 0.6)).toBe(0);
    expect(trainingCredit({ metric: 'accuracy', full: 0.8, zero: 0.8 }, 0.8)).toBe(1);
    expect(trainingCredit({ metric: 'accuracy', full: 0.8, zero: 0.8 }, 0.79)).toBe(0);
  });
});

describe('training', () => {
  it('trains with the fixed budget, reports every step, and measures the same twice', () => {
    const steps: number[] = [];
    const test = trainingTest({});
    const first = checkTraining(template('tiny-series-forecaster'), test, { onProgress: (p) => steps.push(p.step) });
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(first.detail).toMatch(/^held-out loss \d+\.\d{3} after 8 steps \(full points at ≤ 0\.010, none at ≥ 10\)$/);
    expect(first.measured).toBeGreaterThan(0.01);
    expect(first.passed).toBe(false);
    expect(first.fraction).toBeCloseTo((10 - first.measured!) / (10 - 0.01), 10);
    expect(checkTraining(template('tiny-series-forecaster'), test)).toEqual(first);
  });

  it('gives partial credit on accuracy between the thresholds', () => {
    const m = checkTraining(template('tiny-decoder-language-model'), trainingTest({ task: 'char-language-model', steps: 3, metric: 'accuracy', full: 1, zero: 0 }));
    expect(m.detail).toMatch(/accuracy 0\.\d{3} after 3 steps \(full points at ≥ 1, none at ≤ 0\)$/);
    expect(m.measured).toBeGreaterThan(0);
    expect(m.fraction).toBeCloseTo(m.measured!, 10);
    expect(m.passed).toBe(false);
  });

  it('refuses before training when the estimate exceeds the time cap, the same on every machine', () => {
    const doc = template('tiny-series-forecaster');
    const estimate = estimateTrainingSeconds(doc, 'sine-forecasting', 2000)!;
    expect(estimate).toBeGreaterThan(1);
    let progressed = false;
    const m = checkTraining(doc, trainingTest({ steps: 2000, timeCapSeconds: 1 }), { onProgress: () => (progressed = true) });
    expect(progressed).toBe(false);
    expect(m).toMatchObject({ passed: false, fraction: 0 });
    expect(m.detail).toBe(`not trained: 2000 steps of this design on 'sine-forecasting' are estimated at ${Math.ceil(estimate)} s, over the 1 s cap; make the model smaller`);
  });

  it('fails with the reason when the design does not fit the task, or the task has no accuracy', () => {
    expect(checkTraining(template('tiny-series-forecaster'), trainingTest({ task: 'copy' })).detail).toMatch(/^cannot train on 'copy' \(task-mismatch\): /);
    const m = checkTraining(template('tiny-series-forecaster'), trainingTest({ steps: 1, metric: 'accuracy', full: 1, zero: 0 }));
    expect(m).toMatchObject({ passed: false, fraction: 0 });
    expect(m.detail).toMatch(/^the task 'sine-forecasting' reports no accuracy/);
  });

  it('stops between steps when cancelled', () => {
    let asked = 0;
    expect(() => checkTraining(template('tiny-series-forecaster'), trainingTest({}), { isCancelled: () => ++asked > 2 })).toThrow(GradingCancelled);
    expect(asked).toBe(3);
  });
});
