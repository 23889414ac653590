/** Training a design on a built-in task: matching the design to the task, and the step-wise run. */
export { designIO, type DesignIOOutcome, type DesignWiring, type WiringProblem, type WiringProblemCode } from './design-io.ts';
export { matchTask, taskDiagnostics, type TaskMatch, type TaskProblem, type TaskProblemCode } from './task-diagnostics.ts';
export { batchLengths, framingOf, modelFeed, type ModelFeed } from './model-feed.ts';
export { trainingSchedule } from './learning-rate.ts';
export { LossCurve, type LossPoint } from './loss-curve.ts';
export {
  createTrainingRun,
  TrainingRun,
  type TrainingEvaluation,
  type TrainingOptions,
  type TrainingRefusal,
  type TrainingRunOutcome,
  type TrainingSettings,
  type TrainingStep,
} from './training-run.ts';
