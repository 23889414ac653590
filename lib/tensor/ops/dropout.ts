/** Inverted dropout driven by a seeded Rng; the mask is kept for backward. */
import { attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import type { Rng } from '../rng.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

/**
 * F.dropout: in training each element is zeroed with probability p and the
 * kept ones scaled by 1/(1−p); identity (the same tensor) when not training or p = 0.
 */
export function dropout(input: Tensor, p: number, training: boolean, rng: Rng): Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: probability must be in [0, 1], got ${p}`);
  if (!training || p === 0) return input;
  const x = toFloat32(input);
  const xd = x.data as Float32Array;
  const keep = 1 - p;
  const scale = p === 1 ? 0 : 1 / keep;
  // mask holds the factor each element is multiplied by: 0 or 1/(1−p).
  const mask = new Float32Array(xd.length);
  const y = new Float32Array(xd.length);
  for (let i = 0; i < xd.length; i++) {
    if (rng.next() < keep) {
      mask[i] = scale;
      y[i] = xd[i] * scale;
    }
  }
  const out = new Tensor(y, x.shape);
  if (!tracksGrad(x)) return out;
  return attachGrad(out, 'dropout', [x], (g) => {
    const gx = gradBuffer(x);
    for (let i = 0; i < g.length; i++) gx[i] += g[i] * mask[i];
  });
}
