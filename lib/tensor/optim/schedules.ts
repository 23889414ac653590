/**
 * Learning-rate schedules as pure functions of the 1-based step number (the
 * optimiser step about to be taken): `opt.lr = schedule(step); opt.step()`.
 */
export type LrSchedule = (step: number) => number;

/** The same rate at every step. */
export function constantSchedule(lr: number): LrSchedule {
  return () => lr;
}

/**
 * "Attention Is All You Need" §5.3: lr = factor · dModel^-0.5 · min(step^-0.5, step · warmup^-1.5),
 * rising linearly for warmupSteps steps, then decaying as 1/√step (peak at step = warmupSteps).
 */
export function warmupInverseSqrt(dModel: number, warmupSteps: number, factor = 1): LrSchedule {
  if (!(warmupSteps > 0)) throw new Error(`warmupInverseSqrt: warmupSteps must be positive, got ${warmupSteps}`);
  return (step) => {
    if (step <= 0) return 0;
    return factor * dModel ** -0.5 * Math.min(step ** -0.5, step * warmupSteps ** -1.5);
  };
}

export interface CosineScheduleOptions {
  /** Peak rate, reached at the end of warm-up. */
  baseLr: number;
  /** Step at which the rate reaches minLr (and stays). */
  totalSteps: number;
  /** Linear warm-up from 0 over these steps (default 0). */
  warmupSteps?: number;
  /** Floor of the decay (default 0). */
  minLr?: number;
}

/** Linear warm-up to baseLr, then half a cosine down to minLr at totalSteps. */
export function cosineSchedule({ baseLr, totalSteps, warmupSteps = 0, minLr = 0 }: CosineScheduleOptions): LrSchedule {
  if (!(totalSteps > warmupSteps)) {
    throw new Error(`cosineSchedule: totalSteps (${totalSteps}) must exceed warmupSteps (${warmupSteps})`);
  }
  return (step) => {
    if (step < warmupSteps) return (baseLr * Math.max(step, 0)) / warmupSteps;
    const progress = Math.min((step - warmupSteps) / (totalSteps - warmupSteps), 1);
    return minLr + 0.5 * (baseLr - minLr) * (1 + Math.cos(Math.PI * progress));
  };
}
