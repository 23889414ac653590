/** Activation functions: relu, gelu (exact and tanh), silu, sigmoid — kernels().unary (see kernels/elementwise.ts). */
import { Tensor } from '../tensor.ts';
import { kernelUnaryOp } from './unary.ts';

/** max(x, 0); the gradient at 0 is 0, as in PyTorch. */
export function relu(x: Tensor): Tensor {
  return kernelUnaryOp(x, 'relu');
}

/**
 * GELU: exact x·Φ(x) = 0.5·x·(1 + erf(x/√2)) by default (Φ from erfc, so both
 * tails are accurate), or PyTorch's approximate='tanh' form
 * 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))).
 */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate === 'tanh') return kernelUnaryOp(x, 'gelu_tanh');
  if (approximate !== 'none') throw new Error(`gelu: approximate must be 'none' or 'tanh', got '${approximate}'`);
  return kernelUnaryOp(x, 'gelu');
}

/** Logistic sigmoid 1/(1+e⁻ˣ), evaluated without overflow for large |x|. */
export function sigmoid(x: Tensor): Tensor {
  return kernelUnaryOp(x, 'sigmoid');
}

/** SiLU (swish): x·σ(x). */
export function silu(x: Tensor): Tensor {
  return kernelUnaryOp(x, 'silu');
}
