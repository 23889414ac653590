import { describe, expect, it } from 'vitest';
import { BOS, EOS, PAD, Vocabulary } from './vocabulary.ts';

describe('Vocabulary', () => {
  it('puts PAD, BOS and EOS at ids 0, 1 and 2 and the symbols after them', () => {
    const v = Vocabulary.withSpecials(['a', 'b'], ' ');
    expect([v.id('<pad>'), v.id('<bos>'), v.id('<eos>')]).toEqual([PAD, BOS, EOS]);
    expect(v.id('a')).toBe(3);
    expect(v.size).toBe(5);
    expect(v.hasSpecials).toBe(true);
  });

  it('encodes the characters of a string and decodes with its joiner', () => {
    const spaced = Vocabulary.withSpecials(['1', '2', '3'], ' ');
    expect(spaced.encode('312')).toEqual([5, 3, 4]);
    expect(spaced.decode([5, 3, 4])).toBe('3 1 2');
    const plain = Vocabulary.plain(['h', 'i'], '');
    expect(plain.hasSpecials).toBe(false);
    expect(plain.decode(plain.encode('hih'))).toBe('hih');
  });

  it('rejects unknown and repeated symbols and shows out-of-range ids as ?', () => {
    const v = Vocabulary.plain(['x'], '');
    expect(() => v.id('y')).toThrow(/unknown symbol 'y'/);
    expect(() => Vocabulary.plain(['x', 'x'], '')).toThrow(/twice/);
    expect(v.decode([0, 7])).toBe('x?');
  });
});
