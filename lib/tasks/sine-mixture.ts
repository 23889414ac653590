/** Sums of sine waves: the signal behind the forecasting task. */
import type { Rng } from '../tensor/index.ts';

/** One wave: amplitude · sin(2π · frequency · t + phase), t in steps. */
export interface SineComponent {
  amplitude: number;
  /** Cycles per step. */
  frequency: number;
  phase: number;
}

/**
 * Periods between 8 and 32 steps: a 32-step window holds at least one full
 * cycle of every component, so the continuation is determined by what the model sees.
 */
const MIN_FREQUENCY = 1 / 32;
const MAX_FREQUENCY = 1 / 8;

/** `count` random components, amplitudes in [0.3, 1], phases anywhere. */
export function drawSineMixture(rng: Rng, count: number): SineComponent[] {
  return Array.from({ length: count }, () => ({
    amplitude: 0.3 + 0.7 * rng.next(),
    frequency: MIN_FREQUENCY + (MAX_FREQUENCY - MIN_FREQUENCY) * rng.next(),
    phase: 2 * Math.PI * rng.next(),
  }));
}

/** The noiseless mixture at step t. */
export function sineMixtureAt(components: readonly SineComponent[], t: number): number {
  let value = 0;
  for (const c of components) value += c.amplitude * Math.sin(2 * Math.PI * c.frequency * t + c.phase);
  return value;
}
