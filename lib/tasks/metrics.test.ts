import { describe, expect, it } from 'vitest';
import { Rng, intTensor, tensor } from '../tensor/index.ts';
import { classAccuracy, evaluateTask, meanAbsoluteError, predictedIds, rootMeanSquaredError, sequenceAccuracy, tokenAccuracy } from './metrics.ts';
import { getTask } from './registry.ts';

const X = -100;

/** Logits [B, T, V] whose argmax is `ids` (shape [B, T]). */
function logitsFor(ids: number[][], vocab: number): ReturnType<typeof tensor> {
  const values = ids.flat().flatMap((id) => Array.from({ length: vocab }, (_, v) => (v === id ? 2 : -1)));
  return tensor(values, [ids.length, ids[0].length, vocab]);
}

describe('predictedIds', () => {
  it('takes the argmax of the last dimension, the first on ties', () => {
    expect(Array.from(predictedIds(tensor([0, 3, 1, 5, 5, 0], [2, 3])))).toEqual([1, 0]);
  });
});

describe('token and sequence accuracy', () => {
  const targets = intTensor([X, 1, 2, 2, X, 3, 3, X], [2, 4]);

  it('count only positions with a target', () => {
    const logits = logitsFor([[0, 1, 2, 0], [9, 3, 0, 9]], 10);
    // Row 0: 1✓ 2✓ 2✗; row 1: 3✓ 3✗.
    expect(tokenAccuracy(logits, targets)).toMatchObject({ name: 'token-accuracy', value: 3 / 5, count: 5, better: 'higher' });
    expect(sequenceAccuracy(logits, targets)).toMatchObject({ value: 0, count: 2 });
  });

  it('give a sequence credit only when all of its targets are right', () => {
    const logits = logitsFor([[0, 1, 2, 2], [9, 3, 3, 9]], 10);
    expect(tokenAccuracy(logits, targets).value).toBe(1);
    expect(sequenceAccuracy(logits, targets).value).toBe(1);
    const oneWrong = logitsFor([[0, 1, 2, 2], [9, 3, 4, 9]], 10);
    expect(sequenceAccuracy(oneWrong, targets).value).toBe(0.5);
  });

  it('skip rows without targets and refuse logits that do not match', () => {
    const allIgnored = intTensor([X, X, 1, X], [2, 2]);
    expect(sequenceAccuracy(logitsFor([[0, 0], [1, 1]], 3), allIgnored)).toMatchObject({ value: 1, count: 1 });
    expect(() => tokenAccuracy(logitsFor([[0, 0, 0]], 3), allIgnored)).toThrow(/3 predictions for 4 targets/);
  });
});

describe('class accuracy', () => {
  it('compares the highest class score with the label', () => {
    const logits = tensor([0.1, 0.9, 0.5, 0.2, 3, 0, 0, 1, 2], [3, 3]);
    expect(classAccuracy(logits, intTensor([1, 1, 0], [3]))).toMatchObject({ name: 'class-accuracy', value: 2 / 3, count: 3 });
  });
});

describe('forecast errors', () => {
  it('MAE and RMSE on a hand-made case', () => {
    const predictions = tensor([1, 2, 3, 4], [1, 4, 1]);
    const targets = tensor([1, 0, 3, 8], [1, 4, 1]);
    expect(meanAbsoluteError(predictions, targets)).toMatchObject({ name: 'mae', value: 6 / 4, count: 4, better: 'lower' });
    expect(rootMeanSquaredError(predictions, targets).value).toBeCloseTo(Math.sqrt(20 / 4), 6);
    expect(() => meanAbsoluteError(predictions, tensor([1], [1, 1, 1]))).toThrow(/differ in size/);
  });
});

describe('evaluateTask', () => {
  it('reports the task’s metrics, headline first, against the framing’s targets', () => {
    const found = getTask('reverse');
    if (!found.ok) throw new Error(found.message);
    const task = found.task;
    const batch = task.sampleBatch(4, new Rng(1));
    const perfectSeq2Seq = batch.seq2seq!.targetOutput.toArray().map((t) => (t === X ? 0 : t));
    const [B, T] = batch.seq2seq!.targetOutput.shape;
    const rows = Array.from({ length: B }, (_, b) => perfectSeq2Seq.slice(b * T, (b + 1) * T));
    const results = evaluateTask(task, logitsFor(rows, task.output.kind === 'tokens' ? task.output.vocab : 0), batch, 'seq2seq');
    expect(results.map((r) => [r.name, r.value])).toEqual([
      ['sequence-accuracy', 1],
      ['token-accuracy', 1],
    ]);
    expect(() => evaluateTask(task, logitsFor(rows, 14), batch, 'same-length')).toThrow(/predictions/);
  });

  it('scores forecasts with MAE and RMSE', () => {
    const found = getTask('sine-forecasting');
    if (!found.ok) throw new Error(found.message);
    const batch = found.task.sampleBatch(2, new Rng(1));
    const results = evaluateTask(found.task, batch.sameLength.targets, batch);
    expect(results.map((r) => [r.name, r.value])).toEqual([
      ['mae', 0],
      ['rmse', 0],
    ]);
  });
});
