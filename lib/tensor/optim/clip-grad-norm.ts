import type { Tensor } from '../index.ts';

/**
 * torch.nn.utils.clip_grad_norm_: the norm of the per-parameter gradient norms
 * is the total; every gradient is scaled by min(1, maxNorm / (total + 1e-6)).
 * Returns the total norm before clipping. Parameters without a grad are ignored.
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number, normType: 2 | typeof Infinity = 2): number {
  if (normType !== 2 && normType !== Infinity) throw new Error(`clipGradNorm: normType must be 2 or Infinity, got ${normType}`);
  const grads: Float32Array[] = [];
  for (const p of new Set(params)) if (p.grad !== null) grads.push(p.grad.data as Float32Array);
  if (grads.length === 0) return 0;
  let total = 0;
  for (const g of grads) {
    if (normType === Infinity) {
      for (const x of g) total = Math.max(total, Math.abs(x));
    } else {
      let sumSquares = 0;
      for (const x of g) sumSquares += x * x;
      const norm = Math.fround(Math.sqrt(sumSquares));
      total += norm * norm;
    }
  }
  total = Math.fround(normType === Infinity ? total : Math.sqrt(total));
  const clipCoef = Math.min(Math.fround(maxNorm / Math.fround(total + 1e-6)), 1);
  // PyTorch multiplies even when the coefficient is clamped to 1 (a no-op), so do we.
  for (const g of grads) for (let j = 0; j < g.length; j++) g[j] *= clipCoef;
  return total;
}
