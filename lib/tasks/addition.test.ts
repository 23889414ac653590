import { describe, expect, it } from 'vitest';
import { Rng } from '../tensor/index.ts';
import { ADDITION_VOCABULARY, additionTask } from './addition.ts';
import { isHeldOut } from './held-out.ts';
import { readSameLength, readSeq2Seq } from './testing/read-batch.ts';

const EQUALS = ADDITION_VOCABULARY.id('=');

describe('addition', () => {
  it('adds two-digit numbers by default, with the example in its description', () => {
    const task = additionTask();
    expect(task.description).toBe('Add two numbers of up to 2 digits: "12+98=" → "110".');
    expect(task.input).toEqual({ kind: 'tokens', vocab: 15, seqLen: 9 });
    expect(task.seq2seq).toEqual({ sourceLen: 5, targetLen: 4 });
    expect(additionTask({ maxDigits: 3 }).description).toContain('"123+987=" → "1110"');
  });

  it('has digits, +, = and the three specials in its vocabulary', () => {
    expect(ADDITION_VOCABULARY.size).toBe(15);
    expect(ADDITION_VOCABULARY.decode(ADDITION_VOCABULARY.encode('123+456='))).toBe('123+456=');
  });

  it('answers "a+b" with the decimal digits of a + b, carries included, in both framings', () => {
    const batch = additionTask({ maxDigits: 3 }).sampleBatch(300, new Rng(11));
    let carries = 0;
    let longer = 0;
    const digitCounts = new Set<number>();
    for (const { source, answer } of [...readSameLength(batch, EQUALS), ...readSeq2Seq(batch)]) {
      const text = ADDITION_VOCABULARY.decode(source);
      expect(text).toMatch(/^(0|[1-9][0-9]{0,2})\+(0|[1-9][0-9]{0,2})$/);
      const [a, b] = text.split('+').map(Number);
      expect(ADDITION_VOCABULARY.decode(answer)).toBe(String(a + b));
      digitCounts.add(String(a).length);
      if ((a % 10) + (b % 10) >= 10) carries++;
      if (String(a + b).length > Math.max(String(a).length, String(b).length)) longer++;
    }
    expect(carries).toBeGreaterThan(50);
    expect(longer).toBeGreaterThan(10);
    expect([...digitCounts].sort()).toEqual([1, 2, 3]);
  });

  it('writes a carry out of the top digit as an extra answer digit ("7+5" → "12")', () => {
    const task = additionTask({ maxDigits: 1 });
    const seen = new Map<string, string>();
    for (const { source, answer } of readSameLength(task.sampleBatch(400, new Rng(1)), EQUALS)) {
      seen.set(ADDITION_VOCABULARY.decode(source), ADDITION_VOCABULARY.decode(answer));
    }
    expect(seen.size).toBeGreaterThan(60);
    for (const [question, sum] of seen) {
      const [a, b] = question.split('+').map(Number);
      expect(sum).toBe(a + b >= 10 ? `1${a + b - 10}` : `${a + b}`);
    }
  });

  it('keeps a+b and b+a on the same side of the evaluation split', () => {
    const task = additionTask();
    const evaluation = readSeq2Seq(task.evaluationBatch()).map((p) => ADDITION_VOCABULARY.decode(p.source));
    const heldOutSums = new Set(evaluation.map((q) => q.split('+').map(Number).sort((x, y) => x - y).join('+')));
    for (let seed = 0; seed < 20; seed++) {
      for (const { source } of readSeq2Seq(task.sampleBatch(64, new Rng(seed)))) {
        const key = ADDITION_VOCABULARY.decode(source).split('+').map(Number).sort((x, y) => x - y);
        expect(heldOutSums.has(key.join('+'))).toBe(false);
        expect(isHeldOut(key)).toBe(false);
      }
    }
  });

  it('refuses operands it cannot represent', () => {
    expect(() => additionTask({ maxDigits: 0 })).toThrow(/maxDigits/);
  });
});
