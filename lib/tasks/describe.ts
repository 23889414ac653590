/**
 * One example of a batch with the model's answer, as text the UI shows under
 * the loss curve: digits and characters decoded, classes named, forecasts as
 * a few numbers.
 */
import type { Tensor } from '../tensor/index.ts';
import { ACTIVITY_CHANNELS, ACTIVITY_CLASSES } from './activity-signals.ts';
import { framingTargets, predictedIds } from './metrics.ts';
import type { Framing, Task, TaskBatch } from './task.ts';
import { EOS, IGNORE_INDEX, type Vocabulary } from './vocabulary.ts';

/** A sample prediction in words. */
export interface SampleDescription {
  input: string;
  target: string;
  predicted: string;
  /** Whether the whole answer is right; null for forecasts, which are judged by their error. */
  correct: boolean | null;
  /** A detail worth showing: characters right, the class's probability and the signal's tempo, a forecast's error. */
  note: string;
}

/** Which example, in which framing's predictions. */
export interface DescribeOptions {
  framing?: Framing;
  /** Row of the batch (default 0). */
  index?: number;
}

/** Example `index` of `batch`, its target and what `predictions` (the design's raw output on the batch) say. */
export function describeSample(task: Task, batch: TaskBatch, predictions: Tensor, options: DescribeOptions = {}): SampleDescription {
  const { framing = 'same-length', index = 0 } = options;
  const example = batch.examples[index];
  if (example === undefined) throw new Error(`describeSample: the batch has no example ${index}`);
  if (predictions.shape[0] !== batch.size) {
    throw new Error(`describeSample: predictions [${predictions.shape.join(',')}] are not for a batch of ${batch.size}`);
  }
  const targets = framingTargets(batch, framing);
  switch (example.kind) {
    case 'token-pair':
      return describeAnswer(vocabularyOf(task), vocabularyOf(task).decode(example.source), rowOf(targets, index), rowOfIds(predictions, index, targets));
    case 'text-window':
      return describeText(vocabularyOf(task), rowOf(batch.sameLength.inputs, index), rowOf(targets, index), rowOfIds(predictions, index, targets));
    case 'activity':
      return describeActivity(batch.sameLength.inputs, index, example.signal, rowOf(predictions, index));
    case 'sine-mixture':
      return describeForecast(batch.sameLength.inputs, index, rowOf(targets, index), rowOf(predictions, index));
  }
}

function vocabularyOf(task: Task): Vocabulary {
  if (!task.vocabulary) throw new Error(`describeSample: task '${task.name}' has no vocabulary`);
  return task.vocabulary;
}

/** Row `index` of a tensor whose first dimension is the batch. */
function rowOf(t: Tensor, index: number): number[] {
  const width = t.size / t.shape[0];
  return Array.from(t.data.subarray(index * width, (index + 1) * width));
}

/** The argmax ids of row `index` of logits, one per target position. */
function rowOfIds(logits: Tensor, index: number, targets: Tensor): number[] {
  const ids = predictedIds(logits);
  const width = targets.size / targets.shape[0];
  if (ids.length !== targets.size) throw new Error(`describeSample: logits [${logits.shape.join(',')}] do not match targets [${targets.shape.join(',')}]`);
  return Array.from(ids.subarray(index * width, (index + 1) * width));
}

/** Tokens up to (not including) the first EOS: what generation would have written. */
function untilEos(ids: readonly number[]): number[] {
  const end = ids.indexOf(EOS);
  return end === -1 ? [...ids] : ids.slice(0, end);
}

function describeAnswer(vocabulary: Vocabulary, input: string, targetRow: number[], predictedRow: number[]): SampleDescription {
  const positions = targetRow.flatMap((t, i) => (t === IGNORE_INDEX ? [] : [i]));
  const target = positions.map((i) => targetRow[i]);
  const predicted = positions.map((i) => predictedRow[i]);
  const right = positions.filter((i) => targetRow[i] === predictedRow[i]).length;
  return {
    input,
    target: vocabulary.decode(untilEos(target)),
    predicted: vocabulary.decode(untilEos(predicted)),
    correct: right === positions.length,
    note: `${right} of ${positions.length} answer tokens right (end marker included)`,
  };
}

function describeText(vocabulary: Vocabulary, inputRow: number[], targetRow: number[], predictedRow: number[]): SampleDescription {
  const right = targetRow.filter((t, i) => t === predictedRow[i]).length;
  return {
    input: vocabulary.decode(inputRow),
    target: vocabulary.decode(targetRow),
    predicted: vocabulary.decode(predictedRow),
    correct: right === targetRow.length,
    note: `${right} of ${targetRow.length} next characters right`,
  };
}

function describeActivity(inputs: Tensor, index: number, signal: { label: number; frequencyHz: number; amplitude: number }, logits: number[]): SampleDescription {
  const [, steps, features] = inputs.shape;
  const values = rowOf(inputs, index);
  const ranges = ACTIVITY_CHANNELS.slice(0, features).map((name, f) => {
    const channel = Array.from({ length: steps }, (_, t) => values[t * features + f]);
    return `${name} ${format(Math.min(...channel))}…${format(Math.max(...channel))}`;
  });
  const probabilities = softmax(logits);
  const predicted = probabilities.indexOf(Math.max(...probabilities));
  return {
    input: `${steps} steps of ${ranges.join(', ')} g`,
    target: className(signal.label),
    predicted: `${className(predicted)} (${Math.round(probabilities[predicted] * 100)}%)`,
    correct: predicted === signal.label,
    note: `tempo ${signal.frequencyHz.toFixed(1)} Hz, strength ${signal.amplitude.toFixed(2)} g; p(${className(signal.label)}) = ${Math.round((probabilities[signal.label] ?? 0) * 100)}%`,
  };
}

const SHOWN_INPUT_STEPS = 6;

function describeForecast(inputs: Tensor, index: number, targetRow: number[], predictedRow: number[]): SampleDescription {
  const features = inputs.shape[2];
  const inputRow = rowOf(inputs, index);
  const meanError = (guess: (i: number) => number): number => targetRow.reduce((s, t, i) => s + Math.abs(t - guess(i)), 0) / targetRow.length;
  // Repeating the last seen value is the forecast any model has to beat.
  const lastStep = inputRow.slice(-features);
  const baseline = meanError((i) => lastStep[i % features]);
  const firstFeature = inputRow.filter((_, i) => i % features === 0);
  const shown = firstFeature.slice(-SHOWN_INPUT_STEPS);
  return {
    input: `${firstFeature.length > shown.length ? '… ' : ''}${shown.map(format).join(' ')}`,
    target: targetRow.map(format).join(' '),
    predicted: predictedRow.map(format).join(' '),
    correct: null,
    note: `mean absolute error ${meanError((i) => predictedRow[i]).toFixed(3)} (repeating the last value: ${baseline.toFixed(3)})`,
  };
}

function className(id: number): string {
  return ACTIVITY_CLASSES[id] ?? `class ${id}`;
}

function format(x: number): string {
  return x.toFixed(2);
}

function softmax(logits: number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
