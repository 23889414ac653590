/** The public surface of the built-in tasks: the server, workers and tests import only from here. */
export type {
  BatchLengths,
  Framing,
  MetricName,
  SameLengthBatch,
  Seq2SeqBatch,
  Seq2SeqLengths,
  Task,
  TaskBatch,
  TaskDefaults,
  TaskExample,
  TaskInput,
  TaskLoss,
  TaskOutput,
} from './task.ts';
export { listTasks, getTask, taskInfo, type TaskInfo, type TaskLookup } from './registry.ts';
export { taskFit, type DesignIO, type FitProblem, type FitProblemCode } from './fit.ts';
export {
  evaluateTask,
  tokenAccuracy,
  sequenceAccuracy,
  classAccuracy,
  meanAbsoluteError,
  rootMeanSquaredError,
  predictedIds,
  framingTargets,
  type MetricResult,
} from './metrics.ts';
export { taskLoss } from './loss.ts';
export { describeSample, type SampleDescription, type DescribeOptions } from './describe.ts';
export { Vocabulary, PAD, BOS, EOS, IGNORE_INDEX } from './vocabulary.ts';
export { copyTask } from './copy.ts';
export { reverseTask } from './reverse.ts';
export { sortTask } from './sort.ts';
export { digitSequenceTask, DIGIT_SEQUENCE_VOCABULARY, type DigitSequenceOptions } from './digit-sequences.ts';
export { additionTask, ADDITION_VOCABULARY, type AdditionOptions } from './addition.ts';
export { characterLanguageModelTask, CHARACTER_VOCABULARY, LANGUAGE_MODEL_TEXT, type LanguageModelOptions } from './language-model.ts';
export { sineForecastingTask, type SineForecastingOptions } from './sine-forecasting.ts';
export { activityClassificationTask, type ActivityClassificationOptions } from './activity-classification.ts';
export { ACTIVITY_CLASSES, ACTIVITY_CHANNELS, ACTIVITY_SAMPLE_RATE, type ActivitySignal } from './activity-signals.ts';
export type { SineComponent } from './sine-mixture.ts';
export * from './training/index.ts';
