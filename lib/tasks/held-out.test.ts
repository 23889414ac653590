import { describe, expect, it } from 'vitest';
import { Rng } from '../tensor/index.ts';
import { drawUntil, evaluationRng, hashIds, isHeldOut } from './held-out.ts';

describe('held-out split', () => {
  it('hashes deterministically and sensitively to order', () => {
    expect(hashIds([1, 2, 3])).toBe(hashIds([1, 2, 3]));
    expect(hashIds([1, 2, 3])).not.toBe(hashIds([3, 2, 1]));
    expect(hashIds([])).toBeGreaterThanOrEqual(0);
  });

  it('reserves about one example in eight', () => {
    const rng = new Rng(3);
    let held = 0;
    const n = 8000;
    for (let i = 0; i < n; i++) if (isHeldOut([rng.int(10), rng.int(10), rng.int(10), rng.int(10)])) held++;
    expect(held / n).toBeGreaterThan(0.1);
    expect(held / n).toBeLessThan(0.15);
  });

  it('gives each task its own fixed evaluation stream', () => {
    expect(evaluationRng('copy').nextUint32()).toBe(evaluationRng('copy').nextUint32());
    expect(evaluationRng('copy').nextUint32()).not.toBe(evaluationRng('reverse').nextUint32());
  });

  it('drawUntil gives up on a condition that never holds', () => {
    expect(drawUntil(() => 4, (x) => x === 4, 'four')).toBe(4);
    expect(() => drawUntil(() => 1, () => false, 'never')).toThrow(/never: no acceptable example/);
  });
});
