import { describe, expect, it } from 'vitest';
import { Rng } from '../tensor/index.ts';
import { DIGIT_SEPARATOR, DIGIT_SEQUENCE_VOCABULARY, digitSequenceTask, drawDigitSequence } from './digit-sequences.ts';
import { readSameLength, readSeq2Seq } from './testing/read-batch.ts';

const spec = { name: 'rotate', title: 'Rotate', description: (min: number, max: number) => `Rotate ${min}–${max} digits.`, teaching: 't', answer: (s: readonly number[]) => [...s.slice(1), s[0]], steps: 10 };

describe('digit sequences', () => {
  it('draws digits only, with every length in range', () => {
    const rng = new Rng(1);
    const lengths = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const seq = drawDigitSequence(rng, 2, 5);
      lengths.add(seq.length);
      for (const id of seq) expect(DIGIT_SEQUENCE_VOCABULARY.symbol(id)).toMatch(/^[0-9]$/);
    }
    expect([...lengths].sort()).toEqual([2, 3, 4, 5]);
  });

  it('builds a task whose targets are the spec’s answer in both framings', () => {
    const task = digitSequenceTask(spec, { minLength: 1, maxLength: 4 });
    expect(task.input).toEqual({ kind: 'tokens', vocab: 14, seqLen: 9 });
    expect(task.seq2seq).toEqual({ sourceLen: 4, targetLen: 5 });
    expect(task.description).toBe('Rotate 1–4 digits.');
    const batch = task.sampleBatch(40, new Rng(2));
    const same = readSameLength(batch, DIGIT_SEPARATOR);
    const s2s = readSeq2Seq(batch);
    for (let b = 0; b < 40; b++) {
      expect(same[b].answer).toEqual(spec.answer(same[b].source));
      expect(s2s[b]).toEqual(same[b]);
    }
  });

  it('refuses impossible lengths', () => {
    expect(() => digitSequenceTask(spec, { minLength: 0 })).toThrow(/minLength/);
    expect(() => digitSequenceTask(spec, { minLength: 5, maxLength: 3 })).toThrow(/minLength/);
  });
});
