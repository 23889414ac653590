import { describe, expect, it } from 'vitest';
import { template } from '../../compile/testing/designs.ts';
import { validateDesign } from '../../design/validate.ts';
import { Rng } from '../../tensor/index.ts';
import { getTask } from '../registry.ts';
import { designIO, type DesignWiring } from './design-io.ts';
import { batchLengths, framingOf, modelFeed } from './model-feed.ts';

function wiringOf(name: string): DesignWiring {
  const doc = template(name);
  const io = designIO(doc, validateDesign(doc));
  if (!io.ok) throw new Error(io.problems[0].message);
  return io.wiring;
}

const copy = (() => {
  const found = getTask('copy');
  if (!found.ok) throw new Error(found.message);
  return found.task;
})();

describe('modelFeed', () => {
  it('feeds an encoder–decoder the source and the shifted answer, padded to its inputs, scored against the answer', () => {
    const wiring = wiringOf('tiny-transformer');
    expect(framingOf(wiring)).toBe('seq2seq');
    expect(batchLengths(wiring)).toEqual({ sourceLen: 12, targetLen: 12 });
    const batch = copy.sampleBatch(2, new Rng(0), batchLengths(wiring));
    const feed = modelFeed(wiring, batch);
    expect(Object.keys(feed.inputs).sort()).toEqual(['srcTokens', 'tgtTokens']);
    expect(feed.inputs.srcTokens).toBe(batch.seq2seq!.source);
    expect(feed.inputs.tgtTokens).toBe(batch.seq2seq!.targetInput);
    expect(feed.targets).toBe(batch.seq2seq!.targetOutput);
    expect(feed.inputs.srcTokens.shape).toEqual([2, 12]);
  });

  it('feeds a single-input design the same-length framing at its own sequence length', () => {
    const wiring = wiringOf('tiny-lstm-baseline');
    expect(framingOf(wiring)).toBe('same-length');
    expect(batchLengths(wiring)).toEqual({ seqLen: 32 });
    const batch = copy.sampleBatch(2, new Rng(0), batchLengths(wiring));
    const feed = modelFeed(wiring, batch);
    expect(feed.inputs).toEqual({ tokens: batch.sameLength.inputs });
    expect(feed.targets).toBe(batch.sameLength.targets);
    expect(feed.inputs.tokens.shape).toEqual([2, 32]);
  });
});
