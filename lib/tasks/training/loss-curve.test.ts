import { describe, expect, it } from 'vitest';
import { LossCurve } from './loss-curve.ts';

describe('LossCurve', () => {
  it('keeps every step while they fit', () => {
    const curve = new LossCurve(4);
    [3, 2, 1].forEach((loss, i) => curve.add(i + 1, loss));
    expect(curve.points()).toEqual([
      { step: 1, loss: 3 },
      { step: 2, loss: 2 },
      { step: 3, loss: 1 },
    ]);
  });

  it('merges neighbours into their mean once there are too many, never exceeding the limit', () => {
    const curve = new LossCurve(4);
    for (let step = 1; step <= 5; step++) curve.add(step, step);
    expect(curve.points()).toEqual([
      { step: 2, loss: 1.5 },
      { step: 4, loss: 3.5 },
      { step: 5, loss: 5 },
    ]);
    const long = new LossCurve(500);
    let total = 0;
    for (let step = 1; step <= 20_000; step++) {
      long.add(step, step % 7);
      total += step % 7;
    }
    const points = long.points();
    expect(points.length).toBeLessThanOrEqual(500);
    expect(points.length).toBeGreaterThan(250);
    expect(points.at(-1)!.step).toBe(20_000);
    // Every step is in exactly one point: the points' weighted mean is the mean of all losses.
    const widths = points.map((p, i) => p.step - (i === 0 ? 0 : points[i - 1].step));
    expect(points.reduce((s, p, i) => s + p.loss * widths[i], 0)).toBeCloseTo(total, 6);
  });

  it('refuses steps out of order', () => {
    const curve = new LossCurve(10);
    curve.add(2, 1);
    expect(() => curve.add(2, 1)).toThrow(/does not follow/);
  });
});
