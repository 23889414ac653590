/**
 * Synthetic accelerometer recordings of four activities: three channels
 * (x forward, y sideways, z vertical, in g, gravity on z) sampled at 16 Hz.
 * Each activity is a periodic movement with its own tempo and strength:
 *
 *   resting  0.2–0.4 Hz, amplitude 0.02–0.06  (breathing, a slight sway)
 *   walking  1.6–2.2 Hz, amplitude 0.30–0.60  (a bounce per step, a sway per stride)
 *   running  2.6–3.2 Hz, amplitude 0.45–0.90  (the same shape as walking, faster)
 *   jumping  0.8–1.3 Hz, amplitude 1.20–1.80  (sharp vertical peaks, little else)
 *
 * Walking and running overlap in strength on purpose: only their tempo tells
 * them apart for sure, and tempo is about the order of the steps.
 */
import type { Rng } from '../tensor/index.ts';

/** Class names; the index is the class id. */
export const ACTIVITY_CLASSES = ['resting', 'walking', 'running', 'jumping'] as const;

/** Channel names, in feature order. */
export const ACTIVITY_CHANNELS = ['x', 'y', 'z'] as const;

/** Samples per second. */
export const ACTIVITY_SAMPLE_RATE = 16;

/** The hidden parameters of one recording. */
export interface ActivitySignal {
  /** Index into ACTIVITY_CLASSES. */
  label: number;
  frequencyHz: number;
  amplitude: number;
  phase: number;
  /** Phase of the sideways sway, which has its own timing. */
  swayPhase: number;
}

const PROFILES: readonly { frequencyHz: [number, number]; amplitude: [number, number] }[] = [
  { frequencyHz: [0.2, 0.4], amplitude: [0.02, 0.06] },
  { frequencyHz: [1.6, 2.2], amplitude: [0.3, 0.6] },
  { frequencyHz: [2.6, 3.2], amplitude: [0.45, 0.9] },
  { frequencyHz: [0.8, 1.3], amplitude: [1.2, 1.8] },
];

const JUMPING = 3;

/** A recording of activity `label` with random tempo, strength and phase within its profile. */
export function drawActivitySignal(rng: Rng, label: number): ActivitySignal {
  const profile = PROFILES[label];
  if (profile === undefined) throw new Error(`drawActivitySignal: no activity ${label}`);
  const within = ([low, high]: [number, number]): number => low + (high - low) * rng.next();
  return {
    label,
    frequencyHz: within(profile.frequencyHz),
    amplitude: within(profile.amplitude),
    phase: 2 * Math.PI * rng.next(),
    swayPhase: 2 * Math.PI * rng.next(),
  };
}

/** The noiseless [x, y, z] acceleration at step t. */
export function activityAt(signal: ActivitySignal, t: number): [number, number, number] {
  const theta = 2 * Math.PI * signal.frequencyHz * (t / ACTIVITY_SAMPLE_RATE) + signal.phase;
  const a = signal.amplitude;
  if (signal.label === JUMPING) {
    // sin·|sin| sharpens each take-off and landing into a peak.
    const s = Math.sin(theta);
    return [0.1 * a * s, 0.05 * a * Math.cos(theta), 1 + a * s * Math.abs(s)];
  }
  // A bounce per step on z, a forward surge a quarter-cycle later, a sideways sway once per stride (two steps).
  return [0.5 * a * Math.cos(theta), 0.3 * a * Math.sin(theta / 2 + signal.swayPhase), 1 + a * Math.sin(theta)];
}
