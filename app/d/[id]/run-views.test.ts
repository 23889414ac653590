import { describe, expect, it } from 'vitest';
import { runSample } from '@/lib/compile/run';
import { templateDocument } from '@/lib/design/templates';
import { formatStat, inputFeeding, maskedCells, nodeStatRows, positionLabels, valueRange } from './run-views';

function tiny() {
  const template = templateDocument('tiny-transformer');
  if (!template.ok) throw new Error(template.message);
  const run = runSample(template.doc);
  if (!run.ok) throw new Error(run.message);
  return { doc: template.doc, result: run.result };
}

describe('inputFeeding', () => {
  const { doc } = tiny();

  it('finds the token input behind self-attention inside a block, through the block boundary', () => {
    expect(inputFeeding(doc, 'encoder.selfAttn', 'queries')).toBe('srcTokens');
    expect(inputFeeding(doc, 'encoder.selfAttn', 'keys')).toBe('srcTokens');
    expect(inputFeeding(doc, 'decoder.selfAttn', 'queries')).toBe('tgtTokens');
  });

  it("gives cross-attention's keys the encoder's input and its queries the decoder's", () => {
    expect(inputFeeding(doc, 'decoder.crossAttn', 'queries')).toBe('tgtTokens');
    expect(inputFeeding(doc, 'decoder.crossAttn', 'keys')).toBe('srcTokens');
  });

  it('is null for a node that is gone', () => {
    expect(inputFeeding(doc, 'nope', 'queries')).toBeNull();
  });
});

describe('what a run shows', () => {
  const { doc, result } = tiny();

  it('labels positions with the sample tokens, or t0… when no token input matches', () => {
    const tokens = result.sampleInputs.srcTokens[0] as number[];
    expect(positionLabels(doc, result, 'srcTokens', tokens.length)).toEqual(tokens.map(String));
    expect(positionLabels(doc, result, 'srcTokens', 3)).toEqual(['t0', 't1', 't2']);
    expect(positionLabels(doc, result, null, 2)).toEqual(['t0', 't1']);
  });

  it('sees the causal triangle of the decoder as masked cells, and none in the encoder', () => {
    const decoder = result.attention.find((a) => a.nodeId === 'decoder.selfAttn')!;
    const encoder = result.attention.find((a) => a.nodeId === 'encoder.selfAttn')!;
    const t = decoder.weights[0].length;
    expect(maskedCells(decoder.weights[0])).toEqual({ masked: (t * (t - 1)) / 2, total: t * t });
    expect(maskedCells(encoder.weights[0]).masked).toBe(0);
  });

  it('lists every layer output with its shape, skipping blocks', () => {
    const rows = nodeStatRows(doc, result);
    expect(rows.find((r) => r.nodeId === 'srcEmbedding')?.stats.shape).toEqual([result.batchSize, 12, 32]);
    expect(rows.some((r) => r.nodeId === 'encoder')).toBe(false);
  });

  it('formats ranges and stats for a narrow panel', () => {
    expect(valueRange([[1, -2], [Number.NaN, 3]])).toEqual([-2, 3]);
    expect(valueRange([])).toEqual([0, 0]);
    expect(formatStat(-0.123456)).toBe('−0.123');
    expect(formatStat(0.00001234)).toBe('1.2e−5');
    expect(formatStat(0)).toBe('0');
  });
});
