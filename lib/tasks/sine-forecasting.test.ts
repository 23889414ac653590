import { describe, expect, it } from 'vitest';
import { Rng } from '../tensor/index.ts';
import { sineForecastingTask } from './sine-forecasting.ts';
import { drawSineMixture, sineMixtureAt, type SineComponent } from './sine-mixture.ts';
import type { TaskBatch } from './task.ts';

function componentsOf(batch: TaskBatch, b: number): readonly SineComponent[] {
  const e = batch.examples[b];
  if (e.kind !== 'sine-mixture') throw new Error('expected a sine mixture');
  return e.components;
}

describe('sine mixtures', () => {
  it('draws components within their ranges and sums them', () => {
    const components = drawSineMixture(new Rng(1), 50);
    for (const c of components) {
      expect(c.amplitude).toBeGreaterThanOrEqual(0.3);
      expect(c.amplitude).toBeLessThanOrEqual(1);
      expect(1 / c.frequency).toBeGreaterThanOrEqual(8);
      expect(1 / c.frequency).toBeLessThanOrEqual(32);
    }
    const two = [
      { amplitude: 1, frequency: 0.25, phase: 0 },
      { amplitude: 0.5, frequency: 0.125, phase: Math.PI / 2 },
    ];
    expect(sineMixtureAt(two, 1)).toBeCloseTo(1 + 0.5 * Math.cos(Math.PI / 4), 12);
  });
});

describe('sine-forecasting task', () => {
  it('targets the true noiseless continuation of each mixture', () => {
    const task = sineForecastingTask();
    const batch = task.sampleBatch(16, new Rng(4));
    const { inputs, targets } = batch.sameLength;
    expect(inputs.shape).toEqual([16, 32, 1]);
    expect(targets.shape).toEqual([16, 4, 1]);
    let noiseSquared = 0;
    for (let b = 0; b < 16; b++) {
      const components = componentsOf(batch, b);
      expect(components).toHaveLength(2);
      for (let k = 0; k < 4; k++) expect(targets.data[b * 4 + k]).toBeCloseTo(sineMixtureAt(components, 32 + k), 5);
      for (let t = 0; t < 32; t++) noiseSquared += (inputs.data[b * 32 + t] - sineMixtureAt(components, t)) ** 2;
    }
    // The inputs are the same mixture plus noise of standard deviation 0.05.
    expect(Math.sqrt(noiseSquared / (16 * 32))).toBeGreaterThan(0.03);
    expect(Math.sqrt(noiseSquared / (16 * 32))).toBeLessThan(0.07);
  });

  it('without noise, the window and its continuation are one signal', () => {
    const task = sineForecastingTask({ noise: 0, horizon: 3, components: 1 });
    const batch = task.sampleBatch(4, new Rng(9), { seqLen: 40 });
    expect(batch.sameLength.inputs.shape).toEqual([4, 40, 1]);
    for (let b = 0; b < 4; b++) {
      const c = componentsOf(batch, b);
      for (let t = 0; t < 40; t++) expect(batch.sameLength.inputs.data[b * 40 + t]).toBeCloseTo(sineMixtureAt(c, t), 5);
      for (let k = 0; k < 3; k++) expect(batch.sameLength.targets.data[b * 3 + k]).toBeCloseTo(sineMixtureAt(c, 40 + k), 5);
    }
  });

  it('declares a series input, a regression head and MSE', () => {
    const task = sineForecastingTask();
    expect(task.input).toEqual({ kind: 'series', features: 1, seqLen: 32 });
    expect(task.output).toEqual({ kind: 'regression', outputs: 1, horizon: 4 });
    expect(task.loss).toEqual({ kind: 'mse' });
    expect(() => sineForecastingTask({ horizon: 0 })).toThrow(/horizon/);
  });
});
