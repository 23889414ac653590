/**
 * How well a model did on a batch: accuracies from logits (argmax) and errors
 * from forecasts. Predictions are the model's raw outputs; nothing here
 * records gradients.
 */
import type { Tensor } from '../tensor/index.ts';
import type { Framing, MetricName, Task, TaskBatch } from './task.ts';
import { IGNORE_INDEX } from './vocabulary.ts';

/** One metric on one batch. */
export interface MetricResult {
  name: MetricName;
  label: string;
  value: number;
  /** How many items (tokens, sequences, examples, values) the value averages over. */
  count: number;
  better: 'higher' | 'lower';
}

const LABELS: Record<MetricName, string> = {
  'token-accuracy': 'Token accuracy',
  'sequence-accuracy': 'Sequence accuracy',
  'class-accuracy': 'Accuracy',
  mae: 'Mean absolute error',
  rmse: 'Root mean squared error',
};

function result(name: MetricName, value: number, count: number): MetricResult {
  const better = name === 'mae' || name === 'rmse' ? 'lower' : 'higher';
  return { name, label: LABELS[name], value, count, better };
}

/** The highest-scoring index of each row of logits [..., C] (the first on ties, as torch.argmax). */
export function predictedIds(logits: Tensor): Int32Array {
  const classes = logits.shape[logits.ndim - 1];
  if (logits.ndim < 1 || classes === 0) throw new Error('predictedIds: logits need a non-empty last dimension');
  const rows = logits.size / classes;
  const out = new Int32Array(rows);
  const x = logits.data;
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (x[r * classes + c] > x[r * classes + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** Checks that logits [..., C] give one prediction per target. */
function predictionsFor(logits: Tensor, targets: Tensor, metric: string): Int32Array {
  const predicted = predictedIds(logits);
  if (predicted.length !== targets.size) {
    throw new Error(`${metric}: logits [${logits.shape.join(',')}] give ${predicted.length} predictions for ${targets.size} targets`);
  }
  return predicted;
}

/** Fraction of target tokens (ignoring −100) whose argmax prediction is right; logits [B, T, V], targets [B, T]. */
export function tokenAccuracy(logits: Tensor, targets: Tensor, ignoreIndex = IGNORE_INDEX): MetricResult {
  const predicted = predictionsFor(logits, targets, 'tokenAccuracy');
  let correct = 0;
  let count = 0;
  for (let i = 0; i < targets.size; i++) {
    if (targets.data[i] === ignoreIndex) continue;
    count++;
    if (predicted[i] === targets.data[i]) correct++;
  }
  return result('token-accuracy', count === 0 ? 0 : correct / count, count);
}

/** Fraction of rows whose every target token (ignoring −100) is right; rows without targets are not counted. */
export function sequenceAccuracy(logits: Tensor, targets: Tensor, ignoreIndex = IGNORE_INDEX): MetricResult {
  const predicted = predictionsFor(logits, targets, 'sequenceAccuracy');
  if (targets.ndim !== 2) throw new Error(`sequenceAccuracy: targets must be [B, T], got [${targets.shape.join(',')}]`);
  const [rows, length] = targets.shape;
  let correct = 0;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    let any = false;
    let allRight = true;
    for (let i = r * length; i < (r + 1) * length; i++) {
      if (targets.data[i] === ignoreIndex) continue;
      any = true;
      if (predicted[i] !== targets.data[i]) allRight = false;
    }
    if (!any) continue;
    count++;
    if (allRight) correct++;
  }
  return result('sequence-accuracy', count === 0 ? 0 : correct / count, count);
}

/** Fraction of examples whose highest class score is the label; logits [B, C], labels [B]. */
export function classAccuracy(logits: Tensor, labels: Tensor): MetricResult {
  const predicted = predictionsFor(logits, labels, 'classAccuracy');
  let correct = 0;
  for (let i = 0; i < labels.size; i++) if (predicted[i] === labels.data[i]) correct++;
  return result('class-accuracy', labels.size === 0 ? 0 : correct / labels.size, labels.size);
}

function checkSameSize(predictions: Tensor, targets: Tensor, metric: string): void {
  if (predictions.size !== targets.size) {
    throw new Error(`${metric}: predictions [${predictions.shape.join(',')}] and targets [${targets.shape.join(',')}] differ in size`);
  }
}

/** Mean |prediction − target| over every value. */
export function meanAbsoluteError(predictions: Tensor, targets: Tensor): MetricResult {
  checkSameSize(predictions, targets, 'meanAbsoluteError');
  let sum = 0;
  for (let i = 0; i < targets.size; i++) sum += Math.abs(predictions.data[i] - targets.data[i]);
  return result('mae', targets.size === 0 ? 0 : sum / targets.size, targets.size);
}

/** √(mean (prediction − target)²) over every value: the same units as the series, punishing large misses more. */
export function rootMeanSquaredError(predictions: Tensor, targets: Tensor): MetricResult {
  checkSameSize(predictions, targets, 'rootMeanSquaredError');
  let sum = 0;
  for (let i = 0; i < targets.size; i++) sum += (predictions.data[i] - targets.data[i]) ** 2;
  return result('rmse', targets.size === 0 ? 0 : Math.sqrt(sum / targets.size), targets.size);
}

/** The targets a framing's predictions are scored against. */
export function framingTargets(batch: TaskBatch, framing: Framing): Tensor {
  if (framing === 'same-length') return batch.sameLength.targets;
  if (!batch.seq2seq) throw new Error('this task offers no seq2seq framing');
  return batch.seq2seq.targetOutput;
}

/** Every metric the task declares, in its order, for a design's outputs on `batch`. */
export function evaluateTask(task: Task, predictions: Tensor, batch: TaskBatch, framing: Framing = 'same-length'): MetricResult[] {
  const targets = framingTargets(batch, framing);
  return task.metrics.map((name) => {
    switch (name) {
      case 'token-accuracy':
        return tokenAccuracy(predictions, targets);
      case 'sequence-accuracy':
        return sequenceAccuracy(predictions, targets);
      case 'class-accuracy':
        return classAccuracy(predictions, targets);
      case 'mae':
        return meanAbsoluteError(predictions, targets);
      case 'rmse':
        return rootMeanSquaredError(predictions, targets);
    }
  });
}
