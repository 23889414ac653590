import { describe, expect, it } from 'vitest';
import { constantSchedule, cosineSchedule, warmupInverseSqrt } from './schedules.ts';

describe('warmupInverseSqrt (the paper’s schedule)', () => {
  const dModel = 512;
  const warmup = 4000;
  const lr = warmupInverseSqrt(dModel, warmup);

  it('rises linearly: step 1 gives dModel^-0.5 · warmup^-1.5', () => {
    // 512^-0.5 · 1 · 4000^-1.5 = 0.0441942 · 3.95285e-6 = 1.74693e-7
    expect(lr(1)).toBeCloseTo(1.7469281074217108e-7, 12);
  });

  it('peaks at step = warmup with dModel^-0.5 · warmup^-0.5', () => {
    // 0.0441942 · 0.0158114 = 6.98771e-4
    expect(lr(warmup)).toBeCloseTo(6.987712429686843e-4, 10);
    expect(lr(warmup - 1)).toBeLessThan(lr(warmup));
    expect(lr(warmup + 1)).toBeLessThan(lr(warmup));
  });

  it('decays as 1/√step: half the peak at 4·warmup', () => {
    expect(lr(4 * warmup)).toBeCloseTo(6.987712429686843e-4 / 2, 10);
  });

  it('scales by the factor', () => {
    expect(warmupInverseSqrt(dModel, warmup, 2)(warmup)).toBeCloseTo(2 * lr(warmup), 12);
  });
});

describe('cosineSchedule', () => {
  it('warms up linearly then follows half a cosine to minLr', () => {
    const lr = cosineSchedule({ baseLr: 1, totalSteps: 110, warmupSteps: 10, minLr: 0.1 });
    expect(lr(5)).toBeCloseTo(0.5, 12);
    expect(lr(10)).toBeCloseTo(1, 12);
    expect(lr(60)).toBeCloseTo(0.55, 12); // halfway: 0.1 + 0.9·0.5
    expect(lr(110)).toBeCloseTo(0.1, 12);
    expect(lr(500)).toBeCloseTo(0.1, 12);
  });

  it('without warm-up starts at baseLr', () => {
    expect(cosineSchedule({ baseLr: 0.3, totalSteps: 100 })(0)).toBeCloseTo(0.3, 12);
  });
});

describe('constantSchedule', () => {
  it('is constant', () => {
    const lr = constantSchedule(3e-4);
    expect([lr(1), lr(1000)]).toEqual([3e-4, 3e-4]);
  });
});
