import { layerNorm, type Tensor } from '../tensor/index.ts';
import { constantParameter } from './init.ts';
import { Module } from './module.ts';

export interface LayerNormOptions {
  /** Added to the biased variance (default 1e-5, as PyTorch). */
  eps?: number;
  /** Learned per-feature scale and shift (default true). */
  elementwiseAffine?: boolean;
  /** With elementwiseAffine, also learn the shift (default true; PyTorch ≥ 2.1's bias flag). */
  bias?: boolean;
}

/** torch.nn.LayerNorm over the last dim: (x − mean) / sqrt(var + eps) · weight + bias, biased variance. */
export class LayerNorm extends Module {
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly eps: number;

  constructor(
    readonly normalizedShape: number,
    options: LayerNormOptions = {},
  ) {
    super();
    this.eps = options.eps ?? 1e-5;
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? this.registerParameter('weight', constantParameter([normalizedShape], 1)) : null;
    this.bias =
      affine && options.bias !== false ? this.registerParameter('bias', constantParameter([normalizedShape], 0)) : null;
  }

  /** Normalises each feature vector of x [..., normalizedShape]. */
  forward(x: Tensor): Tensor {
    const last = x.shape[x.shape.length - 1];
    if (last !== this.normalizedShape) {
      throw new Error(`LayerNorm: expected last dim ${this.normalizedShape}, got shape [${x.shape.join(',')}]`);
    }
    return layerNorm(x, this.weight ?? undefined, this.bias ?? undefined, this.eps);
  }
}
