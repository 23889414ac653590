import type { Rng, Tensor } from '../tensor/index.ts';
import { Dropout, feedForward, Linear, Module, type Activation } from '../nn/index.ts';

/**
 * The catalog's feed-forward: linear1 → activation → dropout → linear2 with
 * nn.FeedForward's names, plus the catalog's `bias` switch, which
 * nn.FeedForward does not offer.
 */
export class FeedForwardNode extends Module {
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;

  constructor(
    dModel: number,
    dFF: number,
    readonly activation: Activation,
    options: { rng: Rng; dropout: number; bias: boolean },
  ) {
    super();
    const { rng, bias } = options;
    this.linear1 = this.registerModule('linear1', new Linear(dModel, dFF, { rng, bias }));
    this.dropout = this.registerModule('dropout', new Dropout(options.dropout, rng));
    this.linear2 = this.registerModule('linear2', new Linear(dFF, dModel, { rng, bias }));
  }

  /** x [..., d] → [..., d] through the hidden width dFF. */
  forward(x: Tensor): Tensor {
    return feedForward(x, this.linear1, this.dropout, this.linear2, this.activation);
  }
}
