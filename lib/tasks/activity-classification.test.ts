import { describe, expect, it } from 'vitest';
import { Rng } from '../tensor/index.ts';
import { activityClassificationTask } from './activity-classification.ts';
import { ACTIVITY_CLASSES, ACTIVITY_SAMPLE_RATE, activityAt, drawActivitySignal } from './activity-signals.ts';
import type { TaskBatch } from './task.ts';

const [RESTING, WALKING, RUNNING, JUMPING] = [0, 1, 2, 3];

function channel(batch: TaskBatch, b: number, f: number): number[] {
  const [, steps, features] = batch.sameLength.inputs.shape;
  return Array.from({ length: steps }, (_, t) => batch.sameLength.inputs.data[(b * steps + t) * features + f]);
}

function std(xs: number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}

/** The frequency (Hz) with the most spectral power, searched on a fine grid. */
function dominantFrequency(xs: number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  let best = 0;
  let bestPower = -1;
  for (let hz = 0.5; hz <= 4; hz += 0.02) {
    let re = 0;
    let im = 0;
    xs.forEach((x, t) => {
      const angle = (2 * Math.PI * hz * t) / ACTIVITY_SAMPLE_RATE;
      re += (x - m) * Math.cos(angle);
      im += (x - m) * Math.sin(angle);
    });
    if (re * re + im * im > bestPower) [best, bestPower] = [hz, re * re + im * im];
  }
  return best;
}

/** A rule on three simple statistics: how much z moves, how much x moves relative to z, and z's tempo. */
function classifyByStatistics(batch: TaskBatch, b: number): number {
  const [x, , z] = [channel(batch, b, 0), channel(batch, b, 1), channel(batch, b, 2)];
  if (std(z) < 0.15) return RESTING;
  if (std(x) / std(z) < 0.3) return JUMPING;
  return dominantFrequency(z) > 2.4 ? RUNNING : WALKING;
}

describe('activity signals', () => {
  it('bounce around gravity on z', () => {
    const signal = drawActivitySignal(new Rng(1), WALKING);
    const z = Array.from({ length: 64 }, (_, t) => activityAt(signal, t)[2]);
    expect(z.reduce((a, b) => a + b, 0) / 64).toBeCloseTo(1, 1);
    expect(() => drawActivitySignal(new Rng(1), 4)).toThrow(/no activity 4/);
  });
});

describe('activity-classification task', () => {
  const task = activityClassificationTask();

  it('labels every recording with the class that generated it, and uses every class', () => {
    const batch = task.sampleBatch(200, new Rng(5));
    expect(batch.sameLength.inputs.shape).toEqual([200, 32, 3]);
    expect(batch.sameLength.targets.shape).toEqual([200]);
    expect(batch.sameLength.targets.dtype).toBe('int32');
    const counts = new Array(4).fill(0);
    batch.examples.forEach((e, b) => {
      if (e.kind !== 'activity') throw new Error('expected an activity');
      expect(batch.sameLength.targets.data[b]).toBe(e.signal.label);
      counts[e.signal.label]++;
    });
    for (const c of counts) expect(c).toBeGreaterThan(25);
    expect(task.classNames).toEqual(ACTIVITY_CLASSES);
  });

  it('records the generating signal plus sensor noise of 0.08 g', () => {
    const batch = task.sampleBatch(20, new Rng(9));
    let squared = 0;
    batch.examples.forEach((e, b) => {
      if (e.kind !== 'activity') throw new Error('expected an activity');
      for (let t = 0; t < 32; t++) {
        const clean = activityAt(e.signal, t);
        for (let f = 0; f < 3; f++) squared += (channel(batch, b, f)[t] - clean[f]) ** 2;
      }
    });
    const noise = Math.sqrt(squared / (20 * 32 * 3));
    expect(noise).toBeGreaterThan(0.06);
    expect(noise).toBeLessThan(0.1);
  });

  it('is separable by simple statistics (movement, vertical share, tempo)', () => {
    const batch = task.sampleBatch(400, new Rng(6));
    let correct = 0;
    for (let b = 0; b < 400; b++) if (classifyByStatistics(batch, b) === batch.sameLength.targets.data[b]) correct++;
    expect(correct / 400).toBeGreaterThan(0.95);
  });

  it('cannot be solved by strength alone: walking and running overlap in amplitude', () => {
    const rng = new Rng(7);
    const walking = Array.from({ length: 300 }, () => drawActivitySignal(rng, WALKING).amplitude);
    const running = Array.from({ length: 300 }, () => drawActivitySignal(rng, RUNNING).amplitude);
    expect(Math.max(...walking)).toBeGreaterThan(Math.min(...running));
  });
});
