import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, type SafetensorsTensor } from './safetensors.ts';

function bytesOf(data: SafetensorsTensor['data']): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

describe('safetensors', () => {
  const tensors: Record<string, SafetensorsTensor> = {
    'nodes.emb.weight': { dtype: 'F32', shape: [3, 2], data: Float32Array.from([0.1, -2.5, NaN, Infinity, -0, 1e-40]) },
    'nodes.head.bias': { dtype: 'F32', shape: [3], data: Float32Array.from([1, 2, 3]) },
    scalar: { dtype: 'F64', shape: [], data: Float64Array.from([Math.PI]) },
    ids: { dtype: 'I32', shape: [2, 2], data: Int32Array.from([1, -2, 2 ** 31 - 1, -(2 ** 31)]) },
    big: { dtype: 'I64', shape: [1], data: BigInt64Array.from([-(2n ** 62n)]) },
    empty: { dtype: 'F32', shape: [0, 4], data: new Float32Array(0) },
  };

  it('reads back what it wrote, bit for bit (NaN, −0 and subnormals included), with the metadata', () => {
    const file = encodeSafetensors(tensors, { format: 'pt', design: 'x' });
    const back = decodeSafetensors(file);
    expect(Object.keys(back.tensors)).toEqual(Object.keys(tensors));
    for (const [name, t] of Object.entries(tensors)) {
      expect(back.tensors[name].dtype).toBe(t.dtype);
      expect(back.tensors[name].shape).toEqual(t.shape);
      expect(bytesOf(back.tensors[name].data)).toEqual(bytesOf(t.data));
    }
    expect(back.metadata).toEqual({ format: 'pt', design: 'x' });
    // Writing what was read gives the same file.
    expect(encodeSafetensors(back.tensors, back.metadata)).toEqual(file);
  });

  it('lays the file out as the spec says: u64 LE header size, JSON header, aligned little-endian data', () => {
    const file = encodeSafetensors({ w: { dtype: 'F32', shape: [2], data: Float32Array.from([1, -2]) } }, { format: 'pt' });
    const size = Number(new DataView(file.buffer).getBigUint64(0, true));
    expect((8 + size) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + size)));
    expect(header).toEqual({ __metadata__: { format: 'pt' }, w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } });
    // 1.0f and -2.0f, little-endian.
    expect([...file.subarray(8 + size)]).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
  });

  it('refuses a shape that does not match the values', () => {
    expect(() => encodeSafetensors({ w: { dtype: 'F32', shape: [3], data: new Float32Array(2) } })).toThrow(/'w' has 2 values for shape \[3\]/);
  });

  it('refuses truncated or inconsistent files with a sentence', () => {
    const file = encodeSafetensors({ w: { dtype: 'F32', shape: [4], data: new Float32Array(4) } });
    expect(() => decodeSafetensors(file.subarray(0, 5))).toThrow(/shorter than its 8-byte header/);
    expect(() => decodeSafetensors(file.subarray(0, file.length - 4))).toThrow(/'w' data_offsets \[0, 16\] do not hold 16 bytes/);
    const bogus = new Uint8Array(16);
    new DataView(bogus.buffer).setBigUint64(0, 1000n, true);
    expect(() => decodeSafetensors(bogus)).toThrow(/header length 1000 does not fit/);
  });
});
