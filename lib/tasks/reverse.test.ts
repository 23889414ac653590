import { describe, expect, it } from 'vitest';
import { Rng } from '../tensor/index.ts';
import { DIGIT_SEPARATOR } from './digit-sequences.ts';
import { reverseTask } from './reverse.ts';
import { readSameLength, readSeq2Seq } from './testing/read-batch.ts';

describe('reverse', () => {
  it('answers every list with the list backwards, in both framings', () => {
    const batch = reverseTask({ maxLength: 8 }).sampleBatch(64, new Rng(7));
    const pairs = [...readSameLength(batch, DIGIT_SEPARATOR), ...readSeq2Seq(batch)];
    let palindromes = 0;
    for (const { source, answer } of pairs) {
      expect(answer).toEqual([...source].reverse());
      for (let i = 0; i < source.length; i++) expect(answer[i]).toBe(source[source.length - 1 - i]);
      if (source.join() === answer.join()) palindromes++;
    }
    // A test of reversal needs lists that differ from their reversal.
    expect(palindromes).toBeLessThan(pairs.length / 4);
  });
});
