/**
 * Job payloads, progress and results cross Redis as JSON (BullMQ stores them
 * so). What JSON cannot carry as is — the trained weights' bytes — is wrapped
 * here and unwrapped on the other side, for any job kind.
 */
const BYTES = '$bytes';

export function encodeJobValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeJobValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeJobValue(v)]));
  return value;
}

export function decodeJobValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeJobValue);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === BYTES && typeof entries[0][1] === 'string') return new Uint8Array(Buffer.from(entries[0][1], 'base64'));
    return Object.fromEntries(entries.map(([k, v]) => [k, decodeJobValue(v)]));
  }
  return value;
}
