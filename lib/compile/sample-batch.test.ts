import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../design/builder.ts';
import { Rng } from '../tensor/index.ts';
import { describeInputs } from './model-inputs.ts';
import { sampleBatch } from './sample-batch.ts';
import { template } from './testing/designs.ts';

describe('sampleBatch', () => {
  it('draws token ids within each input\'s vocabulary, the same for the same seed', () => {
    const doc = template('tiny-transformer');
    const inputs = describeInputs(doc);
    const a = sampleBatch(doc, inputs, 4, new Rng(2));
    const b = sampleBatch(doc, inputs, 4, new Rng(2));
    expect(a.values).toEqual(b.values);
    expect(a.tensors.srcTokens.shape).toEqual([4, 12]);
    expect(a.tensors.srcTokens.dtype).toBe('int32');
    const ids = (a.values.srcTokens as number[][]).flat();
    expect(ids.every((id) => Number.isInteger(id) && id >= 0 && id < 16)).toBe(true);
    expect(new Set(ids).size).toBeGreaterThan(8);
    expect(Array.from(a.tensors.srcTokens.data)).toEqual(ids);
  });

  it('pads the end of inputs read by a padding mask, sample 0 included', () => {
    const b = new DesignBuilder();
    b.node('tokens', 'token-input', { vocab: 10, seqLen: 8 });
    b.node('mask', 'padding-mask', { padId: 3 });
    b.edge('tokens.out', 'mask.in');
    const doc = b.build();
    const rows = sampleBatch(doc, describeInputs(doc), 6, new Rng(1)).values.tokens as number[][];
    expect(rows[0].slice(6)).toEqual([3, 3]);
    expect(rows[0].slice(0, 6).includes(3)).toBe(false);
    for (const row of rows) {
      const length = row.indexOf(3) === -1 ? 8 : row.indexOf(3);
      expect(length).toBeGreaterThanOrEqual(4);
      expect(row.slice(length).every((id) => id === 3)).toBe(true);
    }
  });

  it('makes smooth series: neighbouring steps are close, the whole range is not', () => {
    const doc = template('tiny-series-forecaster');
    const batch = sampleBatch(doc, describeInputs(doc), 3, new Rng(4));
    expect(batch.tensors.series.shape).toEqual([3, 32, 1]);
    for (const example of batch.values.series as number[][][]) {
      const xs = example.map((step) => step[0]);
      const jumps = xs.slice(1).map((x, t) => Math.abs(x - xs[t]));
      const range = Math.max(...xs) - Math.min(...xs);
      expect(Math.max(...jumps)).toBeLessThan(range / 2);
      expect(range).toBeGreaterThan(0.3);
    }
  });
});
