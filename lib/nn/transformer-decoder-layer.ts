import { add, type Tensor } from '../tensor/index.ts';
import type { Activation } from './activation.ts';
import { Dropout } from './dropout.ts';
import { feedForward } from './feed-forward.ts';
import { LayerNorm } from './layer-norm.ts';
import { Linear } from './linear.ts';
import { Module } from './module.ts';
import { MultiHeadAttention } from './multi-head-attention.ts';
import type { TransformerLayerOptions } from './transformer-encoder-layer.ts';

export interface DecoderMasks {
  /**
   * Hide future target positions in self-attention. Default true: a decoder
   * without it sees the future (PyTorch needs tgt_mask passed explicitly; the
   * exporter writes it).
   */
  tgtIsCausal?: boolean;
  /** [T, T] or [B·heads, T, T]; int32 nonzero = blocked, float32 added. */
  tgtMask?: Tensor;
  /** [B, T]; nonzero marks padded target positions. */
  tgtKeyPaddingMask?: Tensor;
  /** [T, S] or [B·heads, T, S] for cross-attention. */
  memoryMask?: Tensor;
  /** [B, S]; nonzero marks padded memory (encoder output) positions. */
  memoryKeyPaddingMask?: Tensor;
}

export interface DecoderOutput {
  output: Tensor;
  /** [B, heads, T, T]. */
  selfAttention: Tensor;
  /** [B, heads, T, S]. */
  crossAttention: Tensor;
}

/**
 * torch.nn.TransformerDecoderLayer(batch_first=True): masked self-attention,
 * cross-attention over the encoder's memory (multihead_attn), feed-forward.
 */
export class TransformerDecoderLayer extends Module {
  readonly selfAttn: MultiHeadAttention;
  readonly multiheadAttn: MultiHeadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly norm3: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly dropout3: Dropout;
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
    const attention = { rng, dropout: p, bias, headMerge: options.headMerge };
    this.normFirst = options.normFirst ?? false;
    this.activation = options.activation ?? 'relu';
    // Registration order is nn.TransformerDecoderLayer's, hence its state_dict order.
    this.selfAttn = this.registerModule('self_attn', new MultiHeadAttention(dModel, nhead, attention));
    this.multiheadAttn = this.registerModule('multihead_attn', new MultiHeadAttention(dModel, nhead, attention));
    this.linear1 = this.registerModule('linear1', new Linear(dModel, dFf, { rng, bias }));
    this.dropout = this.registerModule('dropout', new Dropout(p, rng));
    this.linear2 = this.registerModule('linear2', new Linear(dFf, dModel, { rng, bias }));
    this.norm1 = this.registerModule('norm1', new LayerNorm(dModel, { eps, bias }));
    this.norm2 = this.registerModule('norm2', new LayerNorm(dModel, { eps, bias }));
    this.norm3 = this.registerModule('norm3', new LayerNorm(dModel, { eps, bias }));
    this.dropout1 = this.registerModule('dropout1', new Dropout(p, rng));
    this.dropout2 = this.registerModule('dropout2', new Dropout(p, rng));
    this.dropout3 = this.registerModule('dropout3', new Dropout(p, rng));
  }

  /** Decodes tgt [B, T, d] attending to memory [B, S, d]; returns [B, T, d]. */
  forward(tgt: Tensor, memory: Tensor, masks: DecoderMasks = {}): Tensor {
    return this.forwardWithWeights(tgt, memory, masks).output;
  }

  /** Like forward, also returning both attention maps for display. */
  forwardWithWeights(tgt: Tensor, memory: Tensor, masks: DecoderMasks = {}): DecoderOutput {
    let selfAttention: Tensor | undefined;
    let crossAttention: Tensor | undefined;
    const selfAttentionBlock = (input: Tensor): Tensor => {
      const { output, weights } = this.selfAttn.forward(input, input, input, {
        causal: masks.tgtIsCausal ?? true,
        attnMask: masks.tgtMask,
        keyPaddingMask: masks.tgtKeyPaddingMask,
      });
      selfAttention = weights;
      return this.dropout1.forward(output);
    };
    const crossAttentionBlock = (input: Tensor): Tensor => {
      const { output, weights } = this.multiheadAttn.forward(input, memory, memory, {
        attnMask: masks.memoryMask,
        keyPaddingMask: masks.memoryKeyPaddingMask,
      });
      crossAttention = weights;
      return this.dropout2.forward(output);
    };
    const feedForwardBlock = (input: Tensor): Tensor =>
      this.dropout3.forward(feedForward(input, this.linear1, this.dropout, this.linear2, this.activation));
    let x = tgt;
    if (this.normFirst) {
      x = add(x, selfAttentionBlock(this.norm1.forward(x)));
      x = add(x, crossAttentionBlock(this.norm2.forward(x)));
      x = add(x, feedForwardBlock(this.norm3.forward(x)));
    } else {
      x = this.norm1.forward(add(x, selfAttentionBlock(x)));
      x = this.norm2.forward(add(x, crossAttentionBlock(x)));
      x = this.norm3.forward(add(x, feedForwardBlock(x)));
    }
    return { output: x, selfAttention: selfAttention as Tensor, crossAttention: crossAttention as Tensor };
  }
}
