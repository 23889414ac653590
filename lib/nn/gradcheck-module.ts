import { gradCheck, type GradCheckOptions, type GradCheckResult, type Tensor } from '../tensor/index.ts';
import type { Module } from './module.ts';

/**
 * Finite-difference check of a layer: the gradients of `forward` with respect
 * to every parameter of `module` and to the given inputs (those that require
 * grad). Runs in eval mode, since dropout would make forward random.
 */
export function gradCheckModule(
  module: Module,
  forward: () => Tensor,
  inputs: Tensor[] = [],
  options: GradCheckOptions = {},
): GradCheckResult {
  const wasTraining = module.training;
  module.eval();
  try {
    // gradCheck perturbs its inputs in place, so handing it the live parameters probes the layer itself.
    return gradCheck(() => forward(), [...module.parameters(), ...inputs], options);
  } finally {
    module.train(wasTraining);
  }
}
