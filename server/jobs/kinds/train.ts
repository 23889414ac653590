import type { TrainProgress, TrainResult } from '../../../lib/protocol/messages.ts';
import { encodeModelWeights } from '../../../lib/export/index.ts';
import { createTrainingRun, LossCurve, type TrainingEvaluation, type TrainingRun } from '../../../lib/tasks/index.ts';
import { defineJobKind, JobFailure, type JobContext } from '../job-kind.ts';
import { trainPayload, type TrainPayload } from './train-payload.ts';

/** Points of the curve in each progress message (it is sent up to ten times a second) and in the result. */
const PROGRESS_CURVE_POINTS = 200;
const RESULT_CURVE_POINTS = 500;
/** Evaluations per run besides the one before training: every tenth of the steps, the last at the end. */
const EVALUATIONS = 10;

/**
 * Train: the design (as of the request) learns a built-in task in a worker,
 * one step at a time. Progress goes out after every step (the pool throttles
 * it) carrying the whole curve so far, and the task's held-out evaluation runs
 * before the first step, every tenth of the run and at the end. A cancel is
 * noticed between steps. Caps on steps and parameters are the server's.
 */
export const trainJob = defineJobKind({
  payload: trainPayload,
  handle(payload: TrainPayload, context: JobContext): TrainResultWithWeights | null {
    const { document, task, steps } = payload;
    const defaults = document.settings.training;
    const outcome = createTrainingRun(document, task, {
      steps,
      learningRate: payload.learningRate ?? defaults.learningRate,
      seed: payload.seed ?? document.settings.seed,
      batchSize: payload.batchSize,
      warmupSteps: payload.warmupSteps ?? defaults.warmupSteps,
      optimizer: payload.optimizer ?? defaults.optimizer,
      labelSmoothing: defaults.labelSmoothing,
      caps: { maxParams: context.limits.maxParams },
    });
    if (!outcome.ok) throw new JobFailure(outcome.code, outcome.message);
    return train(outcome.run, context);
  },
});

/**
 * A training's result plus the weights it left (safetensors, absent when it
 * diverged). The room keeps the weights for the PyTorch export and strips them
 * before anyone is told (see RoomJobs).
 */
export type TrainResultWithWeights = TrainResult & { weights?: Uint8Array };

/** Runs every step of `run`, reporting as it goes; null when cancelled (the pool then discards it). */
function train(run: TrainingRun, { reportProgress, isCancelled }: JobContext): TrainResultWithWeights | null {
  const totalSteps = run.settings.steps;
  const every = Math.max(1, Math.ceil(totalSteps / EVALUATIONS));
  const started = performance.now();
  const progressCurve = new LossCurve(PROGRESS_CURVE_POINTS);
  const resultCurve = new LossCurve(RESULT_CURVE_POINTS);
  const evaluations: TrainingEvaluation[] = [run.evaluate()];
  let diverged: TrainResult['diverged'] = null;

  while (run.stepsDone < totalSteps) {
    if (isCancelled()) return null;
    const { step, loss, learningRate } = run.step();
    if (!Number.isFinite(loss)) {
      diverged = {
        step,
        message: `The loss became ${loss} at step ${step}: training diverged. Try a smaller learning rate, a warm-up, or pre-LN blocks.`,
      };
      break;
    }
    progressCurve.add(step, loss);
    resultCurve.add(step, loss);
    if (step % every === 0 || step === totalSteps) {
      evaluations.push(run.evaluate());
      if (isCancelled()) return null;
    }
    const elapsedMs = performance.now() - started;
    const progress: TrainProgress = {
      step,
      totalSteps,
      loss,
      learningRate,
      elapsedMs,
      etaMs: (elapsedMs / step) * (totalSteps - step),
      lossCurve: progressCurve.points(),
      evaluations: [...evaluations],
    };
    reportProgress(progress);
  }
  // A diverged run is evaluated on the weights it had before the loss broke (that step made no update).
  if (diverged) evaluations.push(run.evaluate());
  const last = evaluations.at(-1)!;
  return {
    task: run.task.name,
    framing: run.framing,
    settings: run.settings,
    params: run.params,
    steps: run.stepsDone,
    totalSteps,
    elapsedMs: performance.now() - started,
    lossCurve: resultCurve.points(),
    evaluations,
    finalMetrics: last.metrics,
    samples: last.samples,
    diverged,
    ...(diverged ? {} : { weights: encodeModelWeights(run.model, { task: run.task.name, steps: String(run.stepsDone) }) }),
  };
}
