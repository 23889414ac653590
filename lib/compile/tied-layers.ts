import { embedding, linear, mul, type Rng, type Tensor } from '../tensor/index.ts';
import { linearDefaultBound, uniformParameter } from '../nn/index.ts';
import { Module } from '../nn/index.ts';

/*
 * Layers that borrow the weight matrix [vocab, d] of a token embedding. The
 * borrowed tensor is held, not registered: it is the owner's parameter, so
 * it is counted, trained and saved once, under the owner's name (as
 * PyTorch's named_parameters() lists a tied tensor once). A PyTorch mirror
 * ties it after construction: `nodes['head'].weight = nodes['emb'].weight`.
 */

/** A token embedding whose table is another embedding's (the paper's shared source/target vocabulary). */
export class SharedEmbedding extends Module {
  constructor(
    /** The owner's weight [vocab, d], the very same tensor. */
    readonly weight: Tensor,
    readonly scale: boolean,
  ) {
    super();
  }

  /** Looks up ids [B, T] (int32) → [B, T, d], × √d when scaled. */
  forward(ids: Tensor): Tensor {
    const out = embedding(ids, this.weight);
    return this.scale ? mul(out, Math.sqrt(this.weight.shape[1])) : out;
  }
}

/** nn.Linear(d, vocab) whose weight is a token embedding's matrix; only the bias is its own. */
export class TiedLinear extends Module {
  readonly bias: Tensor | null;

  constructor(
    /** The owner's weight [vocab, d], the very same tensor. */
    readonly weight: Tensor,
    options: { rng: Rng; bias: boolean },
  ) {
    super();
    const [outFeatures, inFeatures] = weight.shape;
    // nn.Linear's default bias init; only the weight is replaced when tying.
    this.bias = options.bias
      ? this.registerParameter('bias', uniformParameter([outFeatures], linearDefaultBound(inFeatures), options.rng))
      : null;
  }

  /** x [..., d] → logits [..., vocab]. */
  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias ?? undefined);
  }
}
