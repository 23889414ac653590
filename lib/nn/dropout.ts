import { dropout, type Rng, type Tensor } from '../tensor/index.ts';
import { Module } from './module.ts';

/** torch.nn.Dropout: inverted dropout, active only in training mode, masks drawn from its own seeded stream. */
export class Dropout extends Module {
  private readonly rng: Rng;

  constructor(
    readonly p: number,
    rng: Rng,
  ) {
    super();
    if (!(p >= 0 && p < 1)) throw new Error(`Dropout: p must be in [0, 1), got ${p}`);
    // A private stream: how many masks other layers draw never changes this layer's masks.
    this.rng = rng.fork();
  }

  /** Zeroes each element with probability p and scales the rest by 1/(1-p) when training. */
  forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training, this.rng);
  }
}
