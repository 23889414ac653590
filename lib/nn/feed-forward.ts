import type { Rng, Tensor } from '../tensor/index.ts';
import { activate, type Activation } from './activation.ts';
import { Dropout } from './dropout.ts';
import { Linear } from './linear.ts';
import { Module } from './module.ts';

export interface FeedForwardOptions {
  /** Draws the initial weights and seeds the dropout stream. */
  rng: Rng;
  /** Default 'relu', as the paper and nn.TransformerEncoderLayer. */
  activation?: Activation;
  /** Dropout after the activation (default 0). */
  dropout?: number;
}

/**
 * The position-wise feed-forward block: linear1 [dFf, d] → activation → dropout → linear2 [d, dFf].
 * Submodule names match nn.TransformerEncoderLayer's (linear1, dropout, linear2).
 */
export class FeedForward extends Module {
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly activation: Activation;

  constructor(
    readonly dModel: number,
    readonly dimFeedforward: number,
    options: FeedForwardOptions,
  ) {
    super();
    this.activation = options.activation ?? 'relu';
    this.linear1 = this.registerModule('linear1', new Linear(dModel, dimFeedforward, { rng: options.rng }));
    this.dropout = this.registerModule('dropout', new Dropout(options.dropout ?? 0, options.rng));
    this.linear2 = this.registerModule('linear2', new Linear(dimFeedforward, dModel, { rng: options.rng }));
  }

  /** Maps x [..., d] to [..., d] through the hidden width dimFeedforward. */
  forward(x: Tensor): Tensor {
    return feedForward(x, this.linear1, this.dropout, this.linear2, this.activation);
  }
}

/**
 * The block's computation on given layers; the Transformer layers call it with
 * their own flat linear1/dropout/linear2 so their state_dict names stay PyTorch's.
 */
export function feedForward(x: Tensor, linear1: Linear, dropout: Dropout, linear2: Linear, activation: Activation): Tensor {
  return linear2.forward(dropout.forward(activate(linear1.forward(x), activation)));
}
