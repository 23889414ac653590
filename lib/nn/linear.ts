import { linear, type Rng, type Tensor } from '../tensor/index.ts';
import { linearDefaultBound, uniformParameter } from './init.ts';
import { Module } from './module.ts';

export interface LinearOptions {
  /** Draws the initial weights (same seed ⇒ same layer). */
  rng: Rng;
  /** Adds a learned bias (default true, as nn.Linear). */
  bias?: boolean;
}

/** torch.nn.Linear: y = x Wᵀ + b over the last dim, W is [out, in]. */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions,
  ) {
    super();
    const bound = linearDefaultBound(inFeatures);
    // Weight before bias: PyTorch's reset_parameters order, and the state_dict order.
    this.weight = this.registerParameter('weight', uniformParameter([outFeatures, inFeatures], bound, options.rng));
    this.bias =
      options.bias === false ? null : this.registerParameter('bias', uniformParameter([outFeatures], bound, options.rng));
  }

  /** Applies the affine map to x [..., in] giving [..., out]. */
  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias ?? undefined);
  }
}
