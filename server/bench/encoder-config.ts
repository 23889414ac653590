import { randomFloats } from './measure.ts';

/** The reference Transformer encoder layer every implementation runs: post-LN, ReLU, dropout 0. */
export const ENCODER = {
  batch: 16,
  seq: 32,
  dModel: 128,
  heads: 4,
  dFf: 512,
  /** Adam's, with torch's defaults otherwise (betas 0.9/0.999, eps 1e-8). */
  learningRate: 1e-3,
  layerNormEps: 1e-5,
  /** Training steps whose losses are compared across implementations started from the same weights. */
  checkSteps: 3,
} as const;

/** One implementation's results for the encoder layer. */
export interface EncoderRun {
  /** ms per forward pass (no gradient recording). */
  forwardMs: number;
  /** ms per training step: forward, MSE loss, backward, Adam update. */
  trainStepMs: number;
  /** Output of the very first forward, from the initial weights. */
  firstOutput: Float32Array;
  /** Losses of the first `checkSteps` training steps. */
  firstLosses: number[];
}

/** Describes the layer in one line for table captions. */
export function describeEncoder(): string {
  const { batch, seq, dModel, heads, dFf } = ENCODER;
  return `batch ${batch}, seq ${seq}, d_model ${dModel}, ${heads} heads, d_ff ${dFf}, post-LN, ReLU, dropout 0`;
}

/** Weights by PyTorch state_dict name (torch layouts: Linear weights [out, in]). */
export type TorchWeights = Record<string, { shape: readonly number[]; data: Float32Array }>;

/** PyTorch's default init, U(-1/√fanIn, 1/√fanIn), LayerNorm ones/zeros, for when no weights are given. */
export function defaultTorchWeights(): TorchWeights {
  const { dModel: d, dFf } = ENCODER;
  let seed = 10;
  const uniform = (shape: number[], fanIn: number) => {
    const bound = 1 / Math.sqrt(fanIn);
    const data = randomFloats(shape.reduce((p, s) => p * s, 1), seed++).map((v) => v * bound);
    return { shape, data };
  };
  return {
    'self_attn.in_proj_weight': uniform([3 * d, d], d),
    'self_attn.in_proj_bias': uniform([3 * d], d),
    'self_attn.out_proj.weight': uniform([d, d], d),
    'self_attn.out_proj.bias': uniform([d], d),
    'linear1.weight': uniform([dFf, d], d),
    'linear1.bias': uniform([dFf], d),
    'linear2.weight': uniform([d, dFf], dFf),
    'linear2.bias': uniform([d], dFf),
    'norm1.weight': { shape: [d], data: new Float32Array(d).fill(1) },
    'norm1.bias': { shape: [d], data: new Float32Array(d) },
    'norm2.weight': { shape: [d], data: new Float32Array(d).fill(1) },
    'norm2.bias': { shape: [d], data: new Float32Array(d) },
  };
}
