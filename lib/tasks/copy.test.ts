import { describe, expect, it } from 'vitest';
import { Rng } from '../tensor/index.ts';
import { copyTask } from './copy.ts';
import { DIGIT_SEPARATOR } from './digit-sequences.ts';
import { readSameLength, readSeq2Seq } from './testing/read-batch.ts';

describe('copy', () => {
  it('answers every list with the list itself, in both framings', () => {
    const batch = copyTask().sampleBatch(64, new Rng(7));
    const pairs = [...readSameLength(batch, DIGIT_SEPARATOR), ...readSeq2Seq(batch)];
    for (const { source, answer } of pairs) expect(answer).toEqual(source);
    expect(batch.examples.every((e) => e.kind === 'token-pair' && e.target.join() === e.source.join())).toBe(true);
  });

  it('draws lists of 2 to 6 digits by default', () => {
    const lengths = readSameLength(copyTask().sampleBatch(200, new Rng(8)), DIGIT_SEPARATOR).map((p) => p.source.length);
    expect(Math.min(...lengths)).toBe(2);
    expect(Math.max(...lengths)).toBe(6);
  });
});
