import { describe, expect, it } from 'vitest';
import { decodeJobValue, encodeJobValue } from './queue-codec.ts';

describe('job values across Redis', () => {
  it('carries a training result with its weight bytes through JSON unchanged', () => {
    const result = { task: 'copy', steps: 30, lossCurve: [{ step: 1, loss: 2.5 }], weights: new Uint8Array([0, 1, 254, 255, 7]), diverged: null };
    const across = JSON.parse(JSON.stringify(encodeJobValue(result))) as unknown;
    const back = decodeJobValue(across) as typeof result;
    expect(back).toEqual(result);
    expect(back.weights).toBeInstanceOf(Uint8Array);
  });

  it('leaves plain values alone, and bytes that are a view into a larger buffer are only the view', () => {
    expect(decodeJobValue(encodeJobValue({ a: [1, 'x', { b: true }] }))).toEqual({ a: [1, 'x', { b: true }] });
    const view = new Uint8Array([9, 9, 1, 2, 3, 9]).subarray(2, 5);
    expect(decodeJobValue(JSON.parse(JSON.stringify(encodeJobValue(view))))).toEqual(new Uint8Array([1, 2, 3]));
  });
});
