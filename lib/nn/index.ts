/** Layers with PyTorch's semantics and state_dict names, built on lib/tensor. */
export { Module, type SavedParameter, type StateDict } from './module.ts';
export { gradCheckModule } from './gradcheck-module.ts';
export { constantParameter, linearDefaultBound, normalParameter, uniformParameter, xavierUniformParameter } from './init.ts';
export { ACTIVATIONS, activate, type Activation } from './activation.ts';
export { Linear, type LinearOptions } from './linear.ts';
export { Embedding, type EmbeddingOptions } from './embedding.ts';
export { LearnedPositionalEmbedding, SinusoidalPositionalEncoding, sinusoidalTable } from './positional-encoding.ts';
export { LayerNorm, type LayerNormOptions } from './layer-norm.ts';
export { Dropout } from './dropout.ts';
export { applyAttentionMasks, type AttentionMasks } from './attention-mask.ts';
export {
  MultiHeadAttention,
  type AttentionResult,
  type HeadMerge,
  type MultiHeadAttentionOptions,
} from './multi-head-attention.ts';
export { FeedForward, feedForward, type FeedForwardOptions } from './feed-forward.ts';
export { TransformerEncoderLayer, type EncoderMasks, type TransformerLayerOptions } from './transformer-encoder-layer.ts';
export { TransformerDecoderLayer, type DecoderMasks, type DecoderOutput } from './transformer-decoder-layer.ts';
export { RecurrentBase, type RecurrentLayerWeights, type RecurrentOptions } from './recurrent.ts';
export { LSTM, type LstmOutput } from './lstm.ts';
export { GRU, type GruOutput } from './gru.ts';
