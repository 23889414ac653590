import { describe, expect, it } from 'vitest';
import { heldOutAccuracy, REVERSE_BASE as base, train } from './testing/reverse-experiment.ts';

describe('2-layer encoder learns to reverse sequences (length 8, vocab 10)', () => {
  for (const normFirst of [false, true]) {
    it(`reaches ≥ 99% held-out token accuracy (${normFirst ? 'pre' : 'post'}-LN)`, () => {
      const started = Date.now();
      const { losses, model } = train({ ...base, normFirst, steps: 500 });
      const accuracy = heldOutAccuracy(model);
      console.log(
        `${normFirst ? 'pre' : 'post'}-LN: accuracy ${(accuracy * 100).toFixed(2)}%, loss ${losses[0].toFixed(3)} → ${losses[losses.length - 1].toFixed(4)}, ${Date.now() - started} ms`,
      );
      expect(accuracy).toBeGreaterThanOrEqual(0.99);
    });
  }
});

describe('determinism', () => {
  it('two training runs from one seed give bit-identical losses (with dropout)', () => {
    const run = (): number[] => train({ ...base, normFirst: false, dropout: 0.1, steps: 15 }).losses;
    const first = run();
    expect(run()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
    const other = train({ ...base, seed: 2, normFirst: false, dropout: 0.1, steps: 15 }).losses;
    expect(other).not.toEqual(first);
  });
});
