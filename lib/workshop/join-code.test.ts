import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, joinCodeFrom, normaliseJoinCode } from './join-code.ts';

describe('join codes', () => {
  it('are six letters of the unambiguous alphabet, decided by the bytes given', () => {
    const bytes = Uint8Array.from([0, 1, 2, 3, 4, 24, 99]);
    expect(joinCodeFrom(bytes)).toBe('ACDEF9');
    expect(joinCodeFrom(bytes)).toBe(joinCodeFrom(bytes));
    for (const c of 'O0I1LZ2S5B8') expect(JOIN_CODE_ALPHABET).not.toContain(c);
  });

  it('skip bytes that would bias the letters, and need enough bytes', () => {
    // 250..255 lie past the last whole multiple of 25 and are skipped.
    expect(joinCodeFrom(Uint8Array.from([255, 250, 0, 0, 0, 0, 0, 0]))).toBe('AAAAAA');
    expect(joinCodeFrom(Uint8Array.from([1, 2, 3]))).toBeNull();
    expect(joinCodeFrom(Uint8Array.from([255, 255, 255, 255, 255, 255, 255]))).toBeNull();
  });

  it('read as typed: case, spaces and dashes do not matter; other letters do', () => {
    expect(normaliseJoinCode('acd-ef9')).toBe('ACDEF9');
    expect(normaliseJoinCode(' ACD EF9 ')).toBe('ACDEF9');
    expect(normaliseJoinCode('ACDEF0')).toBeNull();
    expect(normaliseJoinCode('ACDEF')).toBeNull();
  });
});
