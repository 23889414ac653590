import type { RunCaps } from '../compile/caps.ts';
import { countDesign } from '../compile/count.ts';
import type { DesignDocument } from '../design/document.ts';
import { createTrainingRun, getTask, type TrainingEvaluation } from '../tasks/index.ts';
import type { AssignmentTest } from './assignment-spec.ts';
import { verdict, type Measurement } from './check.ts';

type TrainingTest = Extract<AssignmentTest, { kind: 'training' }>;

/**
 * The throughput the time cap is checked against: training FLOPs (3 × the
 * forward pass, for the backward) per second. Half of what a busy
 * server core does (about 2 GFLOP/s measured on the tiny templates), so that
 * a run estimated within its cap finishes within it on a slow machine too.
 */
export const ASSUMED_TRAINING_FLOPS_PER_SECOND = 1e9;
/** Fixed cost per step (optimiser, bookkeeping) that FLOPs do not show, in seconds. */
const STEP_OVERHEAD_SECONDS = 0.002;
/** The held-out evaluation at the end, in forward passes of a training batch. */
const EVALUATION_FORWARD_PASSES = 4;

/** Thrown between training steps when grading is cancelled: there is no report for a cancelled grading. */
export class GradingCancelled extends Error {
  constructor() {
    super('grading was cancelled');
    this.name = 'GradingCancelled';
  }
}

export interface TrainingHooks {
  onProgress?(progress: { step: number; steps: number }): void;
  isCancelled?(): boolean;
  /** Limits on the model at the training batch size (default: the compiler's). */
  caps?: Partial<RunCaps>;
}

/**
 * The time a training test would take, estimated from the design's FLOPs at
 * the task's batch size with a fixed assumed throughput: a pure function of
 * the design and the test, so that the cap gives the same verdict on every
 * machine and every run. Null when the design cannot be counted (its errors
 * are reported by the training itself).
 */
export function estimateTrainingSeconds(doc: DesignDocument, task: string, steps: number): number | null {
  const found = getTask(task);
  if (!found.ok) return null;
  const trainingDoc = { ...doc, settings: { ...doc.settings, batchSize: found.task.defaults.batchSize } };
  const cost = countDesign(trainingDoc);
  if (cost.uncounted.length > 0) return null;
  const flops = cost.total.flops * (3 * steps + EVALUATION_FORWARD_PASSES);
  return flops / ASSUMED_TRAINING_FLOPS_PER_SECOND + steps * STEP_OVERHEAD_SECONDS;
}

const fixed = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3));

/** Full points at `full`, none at or beyond `zero`, linear between (accuracy: higher is better; loss: lower). */
export function trainingCredit(test: Pick<TrainingTest, 'metric' | 'full' | 'zero'>, value: number): number {
  const { metric, full, zero } = test;
  const better = metric === 'accuracy' ? value - zero : zero - value;
  const span = metric === 'accuracy' ? full - zero : zero - full;
  if (span <= 0) return (metric === 'accuracy' ? value >= full : value <= full) ? 1 : 0;
  return Math.min(1, Math.max(0, better / span));
}

function measuredValue(test: TrainingTest, evaluation: TrainingEvaluation): { value: number; label: string } | { missing: string } {
  if (test.metric === 'loss') return { value: evaluation.loss, label: 'held-out loss' };
  const accuracy = evaluation.metrics.find((m) => m.name.endsWith('accuracy'));
  if (accuracy) return { value: accuracy.value, label: accuracy.label.toLowerCase() };
  return { missing: `the task '${test.task}' reports no accuracy (its metrics: ${evaluation.metrics.map((m) => m.label.toLowerCase()).join(', ')}); grade it on loss` };
}

/**
 * Trains the design on the test's task with the test's steps, seed and
 * learning rate (the design's optimiser, warm-up and label smoothing, as the
 * Train button does) and scores the held-out metric after the last step.
 * The time cap is checked before training against estimateTrainingSeconds,
 * never against the clock, so the grade never depends on the machine's load.
 */
export function checkTraining(doc: DesignDocument, test: TrainingTest, hooks: TrainingHooks = {}): Measurement {
  const estimate = estimateTrainingSeconds(doc, test.task, test.steps);
  if (estimate !== null && estimate > test.timeCapSeconds) {
    return verdict(false, `not trained: ${test.steps} steps of this design on '${test.task}' are estimated at ${Math.ceil(estimate)} s, over the ${test.timeCapSeconds} s cap; make the model smaller`);
  }
  const defaults = doc.settings.training;
  const outcome = createTrainingRun(doc, test.task, {
    steps: test.steps,
    learningRate: test.learningRate,
    seed: test.seed,
    warmupSteps: defaults.warmupSteps,
    optimizer: defaults.optimizer,
    labelSmoothing: defaults.labelSmoothing,
    samples: 0,
    ...(hooks.caps ? { caps: hooks.caps } : {}),
  });
  if (!outcome.ok) return verdict(false, `cannot train on '${test.task}' (${outcome.code}): ${outcome.message}`);
  const { run } = outcome;
  while (run.stepsDone < test.steps) {
    if (hooks.isCancelled?.()) throw new GradingCancelled();
    const { step, loss } = run.step();
    if (!Number.isFinite(loss)) return verdict(false, `training diverged: the loss became ${loss} at step ${step} of ${test.steps}`);
    hooks.onProgress?.({ step, steps: test.steps });
  }
  const found = measuredValue(test, run.evaluate());
  if ('missing' in found) return verdict(false, found.missing);
  if (!Number.isFinite(found.value)) return verdict(false, `the ${found.label} after ${test.steps} steps is ${found.value}`);
  const fraction = trainingCredit(test, found.value);
  const sign = test.metric === 'accuracy' ? ['≥', '≤'] : ['≤', '≥'];
  const detail = `${found.label} ${fixed(found.value)} after ${test.steps} steps (full points at ${sign[0]} ${fixed(test.full)}, none at ${sign[1]} ${fixed(test.zero)})`;
  return { fraction, passed: fraction >= 1, detail, measured: found.value };
}
