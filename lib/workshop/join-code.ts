/** Letters and digits nobody confuses when reading a code off a projector (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;

/**
 * A join code from random bytes (the caller passes crypto randomness). Bytes
 * that would bias the choice of letter are skipped; null when too few bytes
 * were given to fill the code.
 */
export function joinCodeFrom(bytes: Uint8Array): string | null {
  const n = JOIN_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    code += JOIN_CODE_ALPHABET[b % n];
    if (code.length === JOIN_CODE_LENGTH) return code;
  }
  return null;
}

/** A typed code as stored: upper case, spaces and dashes dropped; null when it cannot be a code. */
export function normaliseJoinCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const c of code) if (!JOIN_CODE_ALPHABET.includes(c)) return null;
  return code;
}
