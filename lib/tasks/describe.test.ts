import { describe, expect, it } from 'vitest';
import { Rng, tensor, type Tensor } from '../tensor/index.ts';
import { describeSample } from './describe.ts';
import { DIGIT_SEPARATOR, DIGIT_SEQUENCE_VOCABULARY as DIGITS } from './digit-sequences.ts';
import { getTask } from './registry.ts';
import { frameSameLength, frameSeq2Seq } from './sequence-framing.ts';
import type { Task, TaskBatch } from './task.ts';
import { EOS } from './vocabulary.ts';

function task(name: string): Task {
  const found = getTask(name);
  if (!found.ok) throw new Error(found.message);
  return found.task;
}

/** Logits [B, T, V] whose argmax is `ids` ([B][T]). */
function logitsFor(ids: number[][], vocab: number): Tensor {
  return tensor(ids.flat().flatMap((id) => Array.from({ length: vocab }, (_, v) => (v === id ? 1 : 0))), [ids.length, ids[0].length, vocab]);
}

/** "3 1 4 1 5" → "5 1 4 1 3", framed by hand. */
function reverseBatch(): TaskBatch {
  const pair = { source: DIGITS.encode('31415'), target: DIGITS.encode('51413') };
  return {
    size: 1,
    sameLength: frameSameLength([pair], DIGIT_SEPARATOR, 13),
    seq2seq: frameSeq2Seq([pair], { sourceLen: 6, targetLen: 7 }),
    examples: [{ kind: 'token-pair', ...pair }],
  };
}

describe('describeSample', () => {
  const reverse = task('reverse');

  it('decodes a reverse example and the model’s answer (same-length framing)', () => {
    // Positions 0–4 hold the source; the answer is read from position 5 (the separator) on.
    const predicted = [0, 0, 0, 0, 0, ...DIGITS.encode('51443'), EOS, 0, 0];
    expect(describeSample(reverse, reverseBatch(), logitsFor([predicted], 14))).toEqual({
      input: '3 1 4 1 5',
      target: '5 1 4 1 3',
      predicted: '5 1 4 4 3',
      correct: false,
      note: '5 of 6 answer tokens right (end marker included)',
    });
  });

  it('reads seq2seq predictions against the decoder targets and stops the answer at EOS', () => {
    const early = [...DIGITS.encode('51'), EOS, ...DIGITS.encode('13'), EOS, 0];
    const description = describeSample(reverse, reverseBatch(), logitsFor([early], 14), { framing: 'seq2seq' });
    expect(description).toMatchObject({ target: '5 1 4 1 3', predicted: '5 1', correct: false });
    const right = [...DIGITS.encode('51413'), EOS, 7];
    expect(describeSample(reverse, reverseBatch(), logitsFor([right], 14), { framing: 'seq2seq' })).toMatchObject({ predicted: '5 1 4 1 3', correct: true });
  });

  it('shows an addition as digits without spaces', () => {
    const addition = task('addition');
    const batch = addition.sampleBatch(3, new Rng(2));
    const targets = batch.seq2seq!.targetOutput.toArray().map((t) => (t < 0 ? 0 : t));
    const width = batch.seq2seq!.targetOutput.shape[1];
    const rows = [0, 1, 2].map((b) => targets.slice(b * width, (b + 1) * width));
    const d = describeSample(addition, batch, logitsFor(rows, 15), { framing: 'seq2seq', index: 2 });
    const [a, b] = d.input.split('+').map(Number);
    expect(d.input).toMatch(/^\d+\+\d+$/);
    expect(d.target).toBe(String(a + b));
    expect(d.predicted).toBe(d.target);
    expect(d.correct).toBe(true);
  });

  it('decodes the language model’s window, the next characters and its guesses', () => {
    const lm = task('char-language-model');
    const batch = lm.sampleBatch(2, new Rng(5));
    const targets = batch.sameLength.targets.toArray();
    const guesses = [targets.slice(0, 32), targets.slice(32)];
    guesses[1][0] = (guesses[1][0] + 1) % 38;
    const example = batch.examples[1];
    if (example.kind !== 'text-window') throw new Error('expected a text window');
    const d = describeSample(lm, batch, logitsFor(guesses, 38), { index: 1 });
    expect(d.input).toBe(example.text.slice(0, 32));
    expect(d.target).toBe(example.text.slice(1));
    expect(d.predicted.slice(1)).toBe(d.target.slice(1));
    expect(d.predicted[0]).not.toBe(d.target[0]);
    expect(d).toMatchObject({ correct: false, note: '31 of 32 next characters right' });
  });

  it('names the classes of an activity and the model’s confidence', () => {
    const activity = task('activity-classification');
    const batch = activity.sampleBatch(1, new Rng(3));
    const label = batch.sameLength.targets.data[0];
    const wrong = (label + 1) % 4;
    const logits = tensor([0, 1, 2, 3].map((c) => (c === wrong ? Math.log(3) : 0)), [1, 4]);
    const d = describeSample(activity, batch, logits);
    const names = ['resting', 'walking', 'running', 'jumping'];
    expect(d.target).toBe(names[label]);
    expect(d.predicted).toBe(`${names[wrong]} (50%)`);
    expect(d.correct).toBe(false);
    expect(d.input).toMatch(/^32 steps of x -?\d\.\d\d….*, y .*, z .* g$/);
    expect(d.note).toMatch(/^tempo \d\.\d Hz, strength \d\.\d\d g; p\(\w+\) = 17%$/);
  });

  it('shows a forecast as a few numbers with its error', () => {
    const forecast = task('sine-forecasting');
    const batch = forecast.sampleBatch(2, new Rng(8));
    const predictions = tensor(batch.sameLength.targets.toArray().map((v) => v + 0.1), [2, 4, 1]);
    const d = describeSample(forecast, batch, predictions, { index: 1 });
    const truth = batch.sameLength.targets.toArray().slice(4);
    expect(d.target).toBe(truth.map((v) => v.toFixed(2)).join(' '));
    expect(d.predicted).toBe(truth.map((v) => (v + 0.1).toFixed(2)).join(' '));
    expect(d.input.split(' ')).toHaveLength(7);
    expect(d.input.startsWith('… ')).toBe(true);
    const last = batch.sameLength.inputs.data[2 * 32 - 1];
    const baseline = truth.reduce((s, v) => s + Math.abs(v - last), 0) / 4;
    expect(d).toMatchObject({ correct: null, note: `mean absolute error 0.100 (repeating the last value: ${baseline.toFixed(3)})` });
  });

  it('refuses an example that is not in the batch or predictions for another batch', () => {
    expect(() => describeSample(reverse, reverseBatch(), logitsFor([[0]], 14), { index: 3 })).toThrow(/no example 3/);
    expect(() => describeSample(reverse, reverseBatch(), logitsFor([[0], [0]], 14))).toThrow(/not for a batch of 1/);
  });
});
