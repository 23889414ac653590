import { describe, expect, it } from 'vitest';
import { template } from '../../compile/testing/designs.ts';
import type { DesignDocument } from '../../design/document.ts';
import { createTrainingRun, type TrainingOptions, type TrainingRun } from './training-run.ts';

function run(doc: DesignDocument, task: string, options: TrainingOptions): TrainingRun {
  const outcome = createTrainingRun(doc, task, options);
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.run;
}

const losses = (r: TrainingRun, steps: number) => Array.from({ length: steps }, () => r.step().loss);

describe('createTrainingRun', () => {
  it('refuses, as values, a design that does not fit the task, with the problems to show', () => {
    const outcome = createTrainingRun(template('tiny-series-forecaster'), 'copy', { steps: 10, learningRate: 1e-3, seed: 0 });
    expect(outcome).toMatchObject({ ok: false, code: 'task-mismatch', message: expect.stringMatching(/Token input.*\(and 1 more\)/) });
    expect(!outcome.ok && outcome.problems?.map((p) => p.code)).toEqual(['input-kind', 'output-kind']);
    expect(createTrainingRun(template('tiny-transformer'), 'chess', { steps: 10, learningRate: 1e-3, seed: 0 })).toMatchObject({ ok: false, code: 'unknown-task' });
  });

  it('refuses a design over the caps at the training batch size, and nonsense settings', () => {
    const options = { steps: 10, learningRate: 1e-3, seed: 0 };
    expect(createTrainingRun(template('tiny-transformer'), 'copy', { ...options, caps: { maxParams: 1000 } })).toMatchObject({ ok: false, code: 'too-large', message: expect.stringContaining('parameters') });
    // The sample batch of the design (16) fits; 4096 training examples at once do not.
    expect(createTrainingRun(template('tiny-transformer'), 'copy', { ...options, caps: { maxElements: 100_000 } }).ok).toBe(true);
    expect(createTrainingRun(template('tiny-transformer'), 'copy', { ...options, batchSize: 4096, caps: { maxElements: 100_000 } })).toMatchObject({ ok: false, code: 'too-large' });
    expect(createTrainingRun(template('tiny-transformer'), 'copy', { ...options, learningRate: -1 })).toMatchObject({ ok: false, code: 'bad-options' });
    expect(createTrainingRun(template('tiny-transformer'), 'copy', { ...options, steps: 2.5 })).toMatchObject({ ok: false, code: 'bad-options' });
  });

  it('fills in the defaults: the task’s batch size, Adam, no warm-up, clipping at 1', () => {
    const r = run(template('tiny-transformer'), 'copy', { steps: 5, learningRate: 1e-3, seed: 0 });
    expect(r.settings).toEqual({ steps: 5, learningRate: 1e-3, seed: 0, batchSize: 32, warmupSteps: 0, optimizer: 'adam', labelSmoothing: 0, clipNorm: 1 });
    expect(r.framing).toBe('seq2seq');
    expect(r.params).toBeGreaterThan(0);
  });
});

describe('TrainingRun', () => {
  it('is deterministic: the same design, task and seed give bit-identical losses; another seed does not', () => {
    const options = { steps: 4, learningRate: 3e-3, seed: 11, optimizer: 'adamw' as const, labelSmoothing: 0.1 };
    const a = losses(run(template('tiny-transformer'), 'reverse', options), 4);
    const b = losses(run(template('tiny-transformer'), 'reverse', options), 4);
    const c = losses(run(template('tiny-transformer'), 'reverse', { ...options, seed: 12 }), 4);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('warms the learning rate up as documented and stops after its steps', () => {
    const r = run(template('tiny-lstm-baseline'), 'copy', { steps: 3, learningRate: 1e-2, seed: 0, warmupSteps: 2, batchSize: 4 });
    expect([r.step(), r.step(), r.step()].map((s) => s.learningRate)).toEqual([5e-3, 1e-2, 1e-2 * Math.sqrt(2 / 3)]);
    expect(r.stepsDone).toBe(3);
    expect(() => r.step()).toThrow(/all of its 3 steps/);
  });

  it('the tiny forecaster learns sine forecasting: the held-out error falls well below where it started', () => {
    const r = run(template('tiny-series-forecaster'), 'sine-forecasting', { steps: 80, learningRate: 3e-3, seed: 1 });
    const before = r.evaluate();
    const curve = losses(r, 80);
    const after = r.evaluate();
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(curve.slice(-10))).toBeLessThan(0.5 * mean(curve.slice(0, 10)));
    expect(after.step).toBe(80);
    expect(after.metrics.map((m) => m.name)).toEqual(['mae', 'rmse']);
    expect(after.metrics[0].value).toBeLessThan(0.6 * before.metrics[0].value);
    expect(after.loss).toBeLessThan(before.loss);
  });

  it('a tiny GPT learns to copy in the same-length framing, and its evaluation describes a few answers', () => {
    const r = run(template('tiny-decoder-language-model'), 'copy', { steps: 40, learningRate: 3e-3, seed: 0, batchSize: 16 });
    const start = r.evaluate();
    losses(r, 40);
    const end = r.evaluate();
    expect(r.framing).toBe('same-length');
    expect(end.metrics.map((m) => m.name)).toEqual(['sequence-accuracy', 'token-accuracy']);
    expect(end.metrics[1].value).toBeGreaterThan(start.metrics[1].value + 0.3);
    expect(end.samples).toHaveLength(3);
    expect(end.samples[0]).toMatchObject({ input: expect.any(String), target: expect.any(String), predicted: expect.any(String) });
  });
});
