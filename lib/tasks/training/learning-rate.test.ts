import { describe, expect, it } from 'vitest';
import { trainingSchedule } from './learning-rate.ts';

describe('trainingSchedule', () => {
  it('is the chosen rate at every step without warm-up', () => {
    const lr = trainingSchedule(3e-3, 0);
    expect([1, 10, 1000].map(lr)).toEqual([3e-3, 3e-3, 3e-3]);
  });

  it('rises linearly to the chosen rate over the warm-up, then decays as 1/√step', () => {
    const lr = trainingSchedule(1e-3, 100);
    expect(lr(1)).toBeCloseTo(1e-5, 12);
    expect(lr(50)).toBeCloseTo(5e-4, 12);
    expect(lr(100)).toBeCloseTo(1e-3, 12);
    expect(lr(400)).toBeCloseTo(5e-4, 12);
  });
});
