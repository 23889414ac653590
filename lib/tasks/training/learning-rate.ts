/** The learning rate of each training step. */
import { constantSchedule, warmupInverseSqrt, type LrSchedule } from '../../tensor/optim/index.ts';

/**
 * Without warm-up, the chosen rate at every step. With `warmupSteps` > 0, the
 * schedule of "Attention Is All You Need" §5.3 — a linear rise over the
 * warm-up, then decay as 1/√step — scaled so that its peak (reached at the
 * end of the warm-up) is the chosen rate rather than d_model^-0.5 · warmup^-0.5:
 * lr(step) = rate · min(step / warmup, √(warmup / step)). Keeping the rate a
 * person typed as the peak lets the same number mean the same thing with and
 * without warm-up, while post-LN vs pre-LN still shows the paper's effect.
 */
export function trainingSchedule(learningRate: number, warmupSteps: number): LrSchedule {
  if (warmupSteps <= 0) return constantSchedule(learningRate);
  return warmupInverseSqrt(1, warmupSteps, learningRate * Math.sqrt(warmupSteps));
}
