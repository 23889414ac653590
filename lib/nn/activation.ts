import { gelu, relu, silu, type Tensor } from '../tensor/index.ts';

/** Feed-forward activations: ReLU, GELU with the exact erf, GELU's tanh approximation, SiLU. */
export type Activation = 'relu' | 'gelu' | 'gelu_tanh' | 'silu';

/** Every supported activation name, for validation and palettes. */
export const ACTIVATIONS: readonly Activation[] = ['relu', 'gelu', 'gelu_tanh', 'silu'];

/** Applies the named activation elementwise (F.relu, F.gelu, F.gelu(approximate='tanh'), F.silu). */
export function activate(x: Tensor, activation: Activation): Tensor {
  switch (activation) {
    case 'relu':
      return relu(x);
    case 'gelu':
      return gelu(x, 'none');
    case 'gelu_tanh':
      return gelu(x, 'tanh');
    case 'silu':
      return silu(x);
    default:
      throw new Error(`unknown activation '${String(activation)}'`);
  }
}
