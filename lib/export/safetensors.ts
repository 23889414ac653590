/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian
 * header length N, N bytes of JSON header, then the raw tensor bytes. The
 * header maps each name to { dtype, shape, data_offsets: [begin, end] }
 * (offsets relative to the byte after the header, little-endian data) and
 * may hold `__metadata__`, a map of strings. Pure: typed arrays in and out.
 */

/** The dtypes we write and read. */
export type SafetensorsDtype = 'F32' | 'F64' | 'I32' | 'I64';

/** One named tensor: dtype, shape, values (row-major). */
export interface SafetensorsTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array | BigInt64Array;
}

/** A decoded file: tensors by name, in file order, and the metadata strings. */
export interface SafetensorsFile {
  tensors: Record<string, SafetensorsTensor>;
  metadata: Record<string, string>;
}

const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F64: 8, I32: 4, I64: 8 };
// The reference implementation refuses headers above 100 MB.
const MAX_HEADER_BYTES = 100_000_000;

function viewOf(dtype: SafetensorsDtype, buffer: ArrayBuffer): SafetensorsTensor['data'] {
  switch (dtype) {
    case 'F32':
      return new Float32Array(buffer);
    case 'F64':
      return new Float64Array(buffer);
    case 'I32':
      return new Int32Array(buffer);
    case 'I64':
      return new BigInt64Array(buffer);
  }
}

function dtypeOf(data: SafetensorsTensor['data']): SafetensorsDtype {
  if (data instanceof Float32Array) return 'F32';
  if (data instanceof Float64Array) return 'F64';
  if (data instanceof Int32Array) return 'I32';
  return 'I64';
}

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The tensor's bytes in little-endian order. */
function littleEndianBytes(data: SafetensorsTensor['data']): Uint8Array {
  const bytes = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  if (!isLittleEndian) reverseWords(bytes, data.BYTES_PER_ELEMENT);
  return bytes;
}

function reverseWords(bytes: Uint8Array, width: number): void {
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}

/**
 * Encodes tensors (in the given order) and metadata as a safetensors file.
 * Throws when a shape does not match its data or a dtype its array.
 */
export function encodeSafetensors(tensors: Record<string, SafetensorsTensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const [name, t] of Object.entries(tensors)) {
    if (name === '__metadata__') throw new Error(`safetensors: '__metadata__' cannot name a tensor`);
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`safetensors: '${name}' has ${t.data.length} values for shape [${t.shape.join(', ')}]`);
    if (dtypeOf(t.data) !== t.dtype) throw new Error(`safetensors: '${name}' is declared ${t.dtype} but holds ${dtypeOf(t.data)} values`);
    const bytes = littleEndianBytes(t.data);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  // Pad with spaces so the data starts 8-byte aligned (allowed by the spec, done by the reference writer).
  const jsonBytes = () => new TextEncoder().encode(json);
  while ((8 + jsonBytes().length) % 8 !== 0) json += ' ';
  const headerBytes = jsonBytes();
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Decodes a safetensors file; throws an Error with one sentence when the bytes are not one. */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length < 8) throw new Error('not a safetensors file: shorter than its 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) {
    throw new Error(`not a safetensors file: header length ${headerLength} does not fit in ${bytes.length} bytes`);
  }
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch {
    throw new Error('not a safetensors file: the header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error('not a safetensors file: the header is not a JSON object');
  const dataLength = bytes.length - dataStart;
  const tensors: Record<string, SafetensorsTensor> = {};
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = readMetadata(entry);
      continue;
    }
    const { dtype, shape, begin, end } = readEntry(name, entry, dataLength);
    const chunk = bytes.slice(dataStart + begin, dataStart + end);
    if (!isLittleEndian) reverseWords(chunk, BYTES[dtype]);
    tensors[name] = { dtype, shape, data: viewOf(dtype, chunk.buffer) };
  }
  return { tensors, metadata };
}

function readMetadata(entry: unknown): Record<string, string> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error('safetensors: __metadata__ is not an object');
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value !== 'string') throw new Error(`safetensors: __metadata__.${key} is not a string`);
  }
  return entry as Record<string, string>;
}

function readEntry(name: string, entry: unknown, dataLength: number): { dtype: SafetensorsDtype; shape: number[]; begin: number; end: number } {
  const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (typeof e !== 'object' || e === null) throw new Error(`safetensors: '${name}' is not a tensor entry`);
  if (typeof e.dtype !== 'string' || !(e.dtype in BYTES)) throw new Error(`safetensors: '${name}' has dtype ${String(e.dtype)}; supported: ${Object.keys(BYTES).join(', ')}`);
  const dtype = e.dtype as SafetensorsDtype;
  const shape = e.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new Error(`safetensors: '${name}' has a bad shape`);
  const offsets = e.data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw new Error(`safetensors: '${name}' has bad data_offsets`);
  }
  const [begin, end] = offsets as [number, number];
  const expected = (shape as number[]).reduce((a, b) => a * b, 1) * BYTES[dtype];
  if (end < begin || end > dataLength || end - begin !== expected) {
    throw new Error(`safetensors: '${name}' data_offsets [${begin}, ${end}] do not hold ${expected} bytes inside the ${dataLength}-byte data`);
  }
  return { dtype, shape: shape as number[], begin, end };
}
