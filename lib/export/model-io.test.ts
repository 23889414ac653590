import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../compile/index.ts';
import { intTensor } from '../tensor/index.ts';
import { inputsFromJson, tensorJson } from './model-io.ts';

const tokens: ModelInput = { nodeId: 'tokens', kind: 'tokens', vocab: 5, seqLen: 3 };
const series: ModelInput = { nodeId: 'series', kind: 'series', features: 2, seqLen: 4 };

describe('model inputs and outputs as JSON', () => {
  it('reads token ids and series into tensors; a single input may be a bare list', () => {
    const both = inputsFromJson([tokens, series], { tokens: [[1, 2, 3]], series: [[[0.5, 1], [2, 3]]] });
    expect(both.ok && both.tensors.tokens.shape).toEqual([1, 3]);
    expect(both.ok && both.tensors.series.dtype).toBe('float32');
    const bare = inputsFromJson([tokens], [[4, 0], [1, 1]]);
    expect(bare.ok && [...bare.tensors.tokens.data]).toEqual([4, 0, 1, 1]);
  });

  it('points at the bad value', () => {
    expect(inputsFromJson([tokens], { tokens: [[1, 2], [3, 9]] })).toMatchObject({ ok: false, path: '$.tokens[1][1]', message: expect.stringMatching(/^9: a token id is a whole number in \[0, 5\)/) });
    expect(inputsFromJson([tokens], { tokens: [[1, 2], [3]] })).toMatchObject({ ok: false, path: '$.tokens[1]' });
    expect(inputsFromJson([tokens], { other: [[1]] })).toMatchObject({ ok: false, path: '$.other' });
    expect(inputsFromJson([series], { series: [[[1, 2, 3]]] })).toMatchObject({ ok: false, message: expect.stringMatching(/2 features/) });
    expect(inputsFromJson([tokens, series], [[1]])).toMatchObject({ ok: false, path: '$' });
  });

  it('writes tensors as shape and nested lists', () => {
    expect(tensorJson(intTensor([1, 2, 3, 4, 5, 6], [2, 3]))).toEqual({ shape: [2, 3], data: [[1, 2, 3], [4, 5, 6]] });
  });
});
