import { describe, expect, it } from 'vitest';
import { summariseAttention } from './attention-summary.ts';

const map = (weights: number[][][]) => ({ nodeId: 'attn', label: 'Attention', repeat: 0, heads: weights.length, weights });

describe('summariseAttention', () => {
  it('reads uniform attention as maximal entropy with half the weight on the future', () => {
    const s = summariseAttention(map([[[0.5, 0.5], [0.5, 0.5]]]), true);
    expect(s.entropy).toBeCloseTo(Math.log(2));
    expect(s.uniformEntropy).toBeCloseTo(Math.log(2));
    expect(s.peak).toBe(0.5);
    expect(s.future).toBeCloseTo(0.25); // row 0 puts 0.5 on key 1, row 1 has no later key
  });

  it('reads a causal one-hot map as zero entropy and no future', () => {
    const s = summariseAttention(map([[[1, 0], [0, 1]], [[1, 0], [1, 0]]]), true);
    expect(s).toMatchObject({ heads: 2, queries: 2, keys: 2, entropy: 0, peak: 1, future: 0 });
  });

  it('has no future for cross-attention and skips fully masked (NaN) rows', () => {
    const s = summariseAttention(map([[[NaN, NaN, NaN], [0.2, 0.3, 0.5]]]), false);
    expect(s.future).toBeNull();
    expect(s.peak).toBe(0.5);
    expect(s.keys).toBe(3);
  });
});
