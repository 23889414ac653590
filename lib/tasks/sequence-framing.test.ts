import { describe, expect, it } from 'vitest';
import { frameSameLength, frameSeq2Seq, tokenPairLengths } from './sequence-framing.ts';
import { BOS, EOS, PAD } from './vocabulary.ts';

const X = -100;
const SEP = 9;
const pairs = [
  { source: [3, 4, 5], target: [5, 4, 3] },
  { source: [6], target: [7, 8] },
];

describe('tokenPairLengths', () => {
  it('leaves room for the separator in one row and for BOS/EOS on the decoder side', () => {
    expect(tokenPairLengths(3, 2)).toEqual({ seqLen: 6, sourceLen: 3, targetLen: 3 });
  });
});

describe('frameSameLength', () => {
  it('puts source, separator and blanks in the inputs and the answer then EOS from the separator on', () => {
    const { inputs, targets } = frameSameLength(pairs, SEP, 7);
    expect(inputs.shape).toEqual([2, 7]);
    expect(inputs.dtype).toBe('int32');
    expect(inputs.toArray()).toEqual([3, 4, 5, SEP, PAD, PAD, PAD, 6, SEP, PAD, PAD, PAD, PAD, PAD]);
    expect(targets.toArray()).toEqual([X, X, X, 5, 4, 3, EOS, X, 7, 8, EOS, X, X, X]);
  });

  it('never shows an answer token in the inputs', () => {
    const { inputs, targets } = frameSameLength([{ source: [3], target: [4, 5, 6] }], SEP, 6);
    for (const t of [4, 5, 6]) expect(inputs.toArray()).not.toContain(t);
    expect(targets.toArray()).toEqual([X, 4, 5, 6, EOS, X]);
  });

  it('refuses rows too short for an example', () => {
    expect(() => frameSameLength(pairs, SEP, 6)).toThrow(/need 7 positions/);
  });
});

describe('frameSeq2Seq', () => {
  it('pads the source, starts the decoder input with BOS and ends the decoder target with EOS, ignoring padding', () => {
    const { source, targetInput, targetOutput } = frameSeq2Seq(pairs, { sourceLen: 4, targetLen: 4 });
    expect(source.shape).toEqual([2, 4]);
    expect(source.toArray()).toEqual([3, 4, 5, PAD, 6, PAD, PAD, PAD]);
    expect(targetInput.toArray()).toEqual([BOS, 5, 4, 3, BOS, 7, 8, PAD]);
    expect(targetOutput.toArray()).toEqual([5, 4, 3, EOS, 7, 8, EOS, X]);
  });

  it('shifts the target by one: decoder input t+1 is decoder target t', () => {
    const { targetInput, targetOutput } = frameSeq2Seq(pairs, { sourceLen: 3, targetLen: 5 });
    const inp = targetInput.toArray();
    const out = targetOutput.toArray();
    for (let b = 0; b < 2; b++) {
      for (let t = 0; t + 1 < 5; t++) {
        const next = inp[b * 5 + t + 1];
        if (next !== PAD) expect(out[b * 5 + t]).toBe(next);
      }
    }
  });

  it('refuses sources or answers that do not fit', () => {
    expect(() => frameSeq2Seq(pairs, { sourceLen: 2, targetLen: 4 })).toThrow(/do not fit/);
    expect(() => frameSeq2Seq(pairs, { sourceLen: 3, targetLen: 3 })).toThrow(/do not fit/);
  });
});
