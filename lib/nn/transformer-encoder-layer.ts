import { add, type Rng, type Tensor } from '../tensor/index.ts';
import type { Activation } from './activation.ts';
import { Dropout } from './dropout.ts';
import { feedForward } from './feed-forward.ts';
import { LayerNorm } from './layer-norm.ts';
import { Linear } from './linear.ts';
import { Module } from './module.ts';
import { MultiHeadAttention, type HeadMerge } from './multi-head-attention.ts';

export interface TransformerLayerOptions {
  /** Draws the initial weights and seeds every dropout stream. */
  rng: Rng;
  /** Hidden width of the feed-forward block (default 2048, as PyTorch). */
  dimFeedforward?: number;
  /** Dropout on attention weights, after each sublayer and inside the feed-forward block (default 0.1). */
  dropout?: number;
  /** Default 'relu'. */
  activation?: Activation;
  /** Pre-LN (x + Sublayer(LayerNorm(x))) when true; post-LN, the paper's LayerNorm(x + Sublayer(x)), when false (default). */
  normFirst?: boolean;
  /** LayerNorm eps (default 1e-5). */
  layerNormEps?: number;
  /** Biases in every Linear and LayerNorm (default true). */
  bias?: boolean;
  /** See MultiHeadAttention; 'concat' is the standard. */
  headMerge?: HeadMerge;
}

export interface EncoderMasks {
  /** Self-attention may not look ahead (default false for an encoder). */
  isCausal?: boolean;
  /** [T, T] or [B·heads, T, T]; int32 nonzero = blocked, float32 added. */
  srcMask?: Tensor;
  /** [B, T]; nonzero marks padding positions. */
  srcKeyPaddingMask?: Tensor;
}

/** torch.nn.TransformerEncoderLayer(batch_first=True): self-attention and feed-forward, each with residual and LayerNorm. */
export class TransformerEncoderLayer extends Module {
  readonly selfAttn: MultiHeadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly normFirst: boolean;
  readonly activation: Activation;

  constructor(
    readonly dModel: number,
    readonly nhead: number,
    options: TransformerLayerOptions,
  ) {
    super();
    const { rng } = options;
    const p = options.dropout ?? 0.1;
    const dFf = options.dimFeedforward ?? 2048;
    const bias = options.bias ?? true;
    const eps = options.layerNormEps ?? 1e-5;
    this.normFirst = options.normFirst ?? false;
    this.activation = options.activation ?? 'relu';
    // Registration order is nn.TransformerEncoderLayer's, hence its state_dict order.
    this.selfAttn = this.registerModule(
      'self_attn',
      new MultiHeadAttention(dModel, nhead, { rng, dropout: p, bias, headMerge: options.headMerge }),
    );
    this.linear1 = this.registerModule('linear1', new Linear(dModel, dFf, { rng, bias }));
    this.dropout = this.registerModule('dropout', new Dropout(p, rng));
    this.linear2 = this.registerModule('linear2', new Linear(dFf, dModel, { rng, bias }));
    this.norm1 = this.registerModule('norm1', new LayerNorm(dModel, { eps, bias }));
    this.norm2 = this.registerModule('norm2', new LayerNorm(dModel, { eps, bias }));
    this.dropout1 = this.registerModule('dropout1', new Dropout(p, rng));
    this.dropout2 = this.registerModule('dropout2', new Dropout(p, rng));
  }

  /** Encodes src [B, T, d] into [B, T, d]. */
  forward(src: Tensor, masks: EncoderMasks = {}): Tensor {
    return this.forwardWithWeights(src, masks).output;
  }

  /** Like forward, also returning the self-attention weights [B, heads, T, T] for display. */
  forwardWithWeights(src: Tensor, masks: EncoderMasks = {}): { output: Tensor; selfAttention: Tensor } {
    let x = src;
    let selfAttention: Tensor | undefined;
    const selfAttentionBlock = (input: Tensor): Tensor => {
      const { output, weights } = this.selfAttn.forward(input, input, input, {
        causal: masks.isCausal,
        attnMask: masks.srcMask,
        keyPaddingMask: masks.srcKeyPaddingMask,
      });
      selfAttention = weights;
      return this.dropout1.forward(output);
    };
    const feedForwardBlock = (input: Tensor): Tensor =>
      this.dropout2.forward(feedForward(input, this.linear1, this.dropout, this.linear2, this.activation));
    if (this.normFirst) {
      x = add(x, selfAttentionBlock(this.norm1.forward(x)));
      x = add(x, feedForwardBlock(this.norm2.forward(x)));
    } else {
      x = this.norm1.forward(add(x, selfAttentionBlock(x)));
      x = this.norm2.forward(add(x, feedForwardBlock(x)));
    }
    return { output: x, selfAttention: selfAttention as Tensor };
  }
}
