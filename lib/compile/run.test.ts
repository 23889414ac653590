import { describe, expect, it } from 'vitest';
import { listTemplates } from '../design/templates/index.ts';
import { validateDesign } from '../design/validate.ts';
import { sinusoidalTable } from '../nn/index.ts';
import { countDesign } from './count.ts';
import { runSample, type RunResult } from './run.ts';
import { nestedBlocksDesign, template } from './testing/designs.ts';

function run(name: string, seed?: number): RunResult {
  const outcome = runSample(template(name), { seed });
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.result;
}

const TINY = listTemplates()
  .filter((t) => t.tiny)
  .map((t) => t.name);

describe('runSample', () => {
  it.each(TINY)('%s: counts, output stats with the inferred shapes, plain JSON', (name) => {
    const doc = template(name);
    const validation = validateDesign(doc);
    const cost = countDesign(doc);
    const result = run(name);
    expect(result.params).toBe(cost.total.params);
    expect(result.flops).toBe(cost.total.flops);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(result.batchSize).toBe(doc.settings.batchSize);
    for (const node of doc.nodes) {
      const outputs = result.nodes[node.id].outputs;
      for (const [port, shape] of Object.entries(validation.nodes[node.id].outputs)) {
        expect(outputs[port].shape, `${node.id}.${port}`).toEqual(shape.shape);
        expect(outputs[port].nonFinite).toBe(0);
        expect(outputs[port].min).toBeLessThanOrEqual(outputs[port].max);
      }
      expect(result.nodes[node.id].params).toBe(cost.nodes[node.id].params);
    }
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('the same seed gives the same result; another seed another one', () => {
    const strip = (r: RunResult) => ({ ...r, elapsedMs: 0 });
    expect(strip(run('tiny-transformer', 3))).toEqual(strip(run('tiny-transformer', 3)));
    expect(run('tiny-transformer', 3).nodes.head.outputs.out).not.toEqual(run('tiny-transformer', 4).nodes.head.outputs.out);
    expect(run('tiny-transformer').seed).toBe(template('tiny-transformer').settings.seed);
  });

  it('gives sample 0\'s attention per node, copy and head, each row a distribution', () => {
    const result = run('tiny-decoder-language-model');
    expect(result.attention.map((a) => [a.nodeId, a.repeat, a.heads])).toEqual([
      ['decoder.selfAttn', 0, 4],
      ['decoder.selfAttn', 1, 4],
    ]);
    for (const map of result.attention) {
      expect(map.weights).toHaveLength(4);
      for (const head of map.weights) {
        expect(head).toHaveLength(32);
        head.forEach((row, i) => {
          expect(row).toHaveLength(32);
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          expect(row.slice(i + 1).every((w) => w === 0)).toBe(true);
        });
      }
    }
    const encoderDecoder = run('tiny-transformer');
    expect(encoderDecoder.attention.map((a) => `${a.label}#${a.repeat}`)).toEqual(['encoder.selfAttn#0', 'decoder.selfAttn#0', 'decoder.crossAttn#0']);
  });

  it('labels attention maps with the node label when there is one, and numbers nested copies through', () => {
    const doc = nestedBlocksDesign();
    doc.nodes.find((n) => n.id === 'inner.selfAttn')!.label = 'Self-attention';
    const outcome = runSample(doc);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.attention.map((a) => `${a.label}#${a.repeat}`)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Self-attention#${i}`));
  });

  it('gives the positional-encoding rows the sample uses: the paper\'s table, or the learned rows', () => {
    const sines = run('tiny-transformer').positionalEncodings;
    expect(sines.map((p) => [p.nodeId, p.kind, p.matrix.length, p.matrix[0].length])).toEqual([
      ['srcPositions', 'sinusoidal', 12, 32],
      ['tgtPositions', 'sinusoidal', 12, 32],
    ]);
    const table = sinusoidalTable(12, 32);
    sines[0].matrix.flat().forEach((v, i) => expect(v).toBe(table[i]));
    expect(sines[0].matrix[3][4]).toBeCloseTo(Math.sin(3 / Math.pow(10000, 4 / 32)), 6);
    expect(sines[0].matrix[3][5]).toBeCloseTo(Math.cos(3 / Math.pow(10000, 4 / 32)), 6);
    const learned = run('tiny-decoder-language-model').positionalEncodings;
    expect(learned.map((p) => [p.nodeId, p.kind, p.matrix.length])).toEqual([['inputPositions', 'learned', 32]]);
  });

  it('returns the sample batch: token ids [B][T] or series [B][T][F]', () => {
    const tokens = run('tiny-transformer').sampleInputs;
    expect(Object.keys(tokens)).toEqual(['srcTokens', 'tgtTokens']);
    expect(tokens.srcTokens).toHaveLength(16);
    expect((tokens.srcTokens as number[][])[0]).toHaveLength(12);
    const series = run('tiny-series-forecaster').sampleInputs.series as number[][][];
    expect([series.length, series[0].length, series[0][0].length]).toEqual([16, 32, 1]);
  });
});
