import { describe, expect, it } from 'vitest';
import { Rng } from '../tensor/index.ts';
import { DIGIT_SEPARATOR, DIGIT_SEQUENCE_VOCABULARY } from './digit-sequences.ts';
import { sortTask } from './sort.ts';
import { readSameLength, readSeq2Seq } from './testing/read-batch.ts';

const digits = (ids: number[]): number[] => ids.map((id) => Number(DIGIT_SEQUENCE_VOCABULARY.symbol(id)));

describe('sort', () => {
  it('answers every list with the same digits in ascending order, repeats kept', () => {
    const batch = sortTask().sampleBatch(64, new Rng(7));
    let withRepeats = 0;
    for (const { source, answer } of [...readSameLength(batch, DIGIT_SEPARATOR), ...readSeq2Seq(batch)]) {
      const values = digits(answer);
      for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
      expect(digits(answer).sort()).toEqual(digits(source).sort());
      if (new Set(source).size < source.length) withRepeats++;
    }
    expect(withRepeats).toBeGreaterThan(0);
  });
});
