/**
 * Layer normalisation over the last dim (PyTorch's F.layer_norm with
 * normalized_shape = [d]): biased variance, fused forward and backward kernels
 * (kernels/layer-norm-rows.ts) that keep only the per-row mean and 1/σ.
 */
import { attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { kernels } from '../kernels/index.ts';
import { formatShape } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

/** (x − mean) / √(var + eps) · weight + bias over the last dim; weight and bias are [d]. */
export function layerNorm(input: Tensor, weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const x = toFloat32(input);
  if (x.ndim === 0) throw new Error('layerNorm: input needs at least one dim');
  const d = x.shape[x.ndim - 1];
  for (const [name, p] of [['weight', weight], ['bias', bias]] as const) {
    if (p && (p.ndim !== 1 || p.shape[0] !== d)) {
      throw new Error(`layerNorm: ${name} ${formatShape(p.shape)} does not match the last dim of input ${formatShape(x.shape)}`);
    }
  }
  const rows = d === 0 ? 0 : x.size / d;
  const xd = x.data as Float32Array;
  const wd = weight ? (weight.data as Float32Array) : null;
  const bd = bias ? (bias.data as Float32Array) : null;
  const y = new Float32Array(x.size);
  const means = new Float64Array(rows);
  const rstds = new Float64Array(rows);
  kernels().layerNormForward({ x: xd, weight: wd, bias: bd, y, mean: means, rstd: rstds, rows, d, eps });
  const out = new Tensor(y, x.shape);
  const parents = [x, weight, bias].filter((t): t is Tensor => t != null);
  if (!tracksGrad(...parents)) return out;
  return attachGrad(out, 'layerNorm', parents, (g) => {
    const gx = x.requiresGrad ? gradBuffer(x) : null;
    const gw = weight && weight.requiresGrad ? gradBuffer(weight) : null;
    const gb = bias && bias.requiresGrad ? gradBuffer(bias) : null;
    kernels().layerNormBackward({ x: xd, weight: wd, g, mean: means, rstd: rstds, gx, gw, gb, rows, d });
  });
}
