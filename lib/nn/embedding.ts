import { add, embedding, mul, tensor, type Rng, type Tensor } from '../tensor/index.ts';
import { normalParameter } from './init.ts';
import { Module } from './module.ts';

export interface EmbeddingOptions {
  /** Draws the initial weights, N(0, 1) as nn.Embedding. */
  rng: Rng;
  /** Row that stays zero and receives no gradient (nn.Embedding's padding_idx). */
  paddingIdx?: number;
  /** Multiplies the output by √embeddingDim, as in "Attention Is All You Need" §3.4. */
  scale?: boolean;
}

/** torch.nn.Embedding: looks up rows of weight [numEmbeddings, embeddingDim] for int32 ids. */
export class Embedding extends Module {
  readonly weight: Tensor;
  readonly paddingIdx: number | null;
  readonly scale: boolean;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    options: EmbeddingOptions,
  ) {
    super();
    let paddingIdx = options.paddingIdx ?? null;
    if (paddingIdx !== null) {
      if (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings) {
        throw new Error(`Embedding: paddingIdx ${paddingIdx} out of range for ${numEmbeddings} embeddings`);
      }
      if (paddingIdx < 0) paddingIdx += numEmbeddings; // PyTorch accepts negative indices here
    }
    this.paddingIdx = paddingIdx;
    this.scale = options.scale ?? false;
    const weight = normalParameter([numEmbeddings, embeddingDim], options.rng);
    if (paddingIdx !== null) weight.data.fill(0, paddingIdx * embeddingDim, (paddingIdx + 1) * embeddingDim);
    this.weight = this.registerParameter('weight', weight);
  }

  /** Maps ids [...] (int32) to vectors [..., embeddingDim]. */
  forward(ids: Tensor): Tensor {
    if (ids.dtype !== 'int32') throw new Error(`Embedding: ids must be int32, got ${ids.dtype}`);
    let out = embedding(ids, this.weight);
    if (this.paddingIdx !== null) out = this.blockPaddingGradient(ids, out);
    return this.scale ? mul(out, Math.sqrt(this.embeddingDim)) : out;
  }

  /**
   * PyTorch returns weight[paddingIdx] as it is but never sends it gradient, so
   * padded positions take the detached lookup and the rest the live one.
   */
  private blockPaddingGradient(ids: Tensor, out: Tensor): Tensor {
    const pad = this.paddingIdx as number;
    const isPad = new Float32Array(ids.size);
    let anyPad = false;
    for (let i = 0; i < ids.size; i++) {
      if (ids.data[i] === pad) {
        isPad[i] = 1;
        anyPad = true;
      }
    }
    if (!anyPad) return out;
    const maskShape = [...ids.shape, 1];
    const padMask = tensor(isPad, maskShape);
    const keepMask = tensor(isPad.map((v) => 1 - v), maskShape);
    return add(mul(out, keepMask), mul(out.detach(), padMask));
  }
}
