/**
 * softmax and logSoftmax along one axis, stable for large logits (the row
 * maximum is subtracted before exponentiating). Rows are strided views
 * [outer, len, inner]; the last axis (inner = 1) is the common case.
 */
import { attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { kernels } from '../kernels/index.ts';
import { stridedSoftmax, stridedSoftmaxBackward } from '../kernels/softmax-rows.ts';
import { normaliseAxis, splitAtAxis } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

function softmaxOp(input: Tensor, axis: number, logarithm: boolean): Tensor {
  const name = logarithm ? 'logSoftmax' : 'softmax';
  const x = toFloat32(input);
  const { outer, len, inner } = splitAtAxis(x.shape, normaliseAxis(axis, x.ndim, name));
  const y = new Float32Array(x.size);
  // The last axis (contiguous rows) is the hot case: attention scores and logits.
  if (inner === 1) kernels().softmaxRows(x.data as Float32Array, y, outer, len, logarithm);
  else stridedSoftmax(x.data as Float32Array, y, outer, len, inner, logarithm);
  const out = new Tensor(y, x.shape);
  if (!tracksGrad(x)) return out;
  return attachGrad(out, name, [x], (g) => {
    const gx = gradBuffer(x);
    if (inner === 1) kernels().softmaxRowsBackward(g, y, gx, outer, len, logarithm);
    else stridedSoftmaxBackward(g, y, gx, outer, len, inner, logarithm);
  });
}

/** Softmax along `axis` (default last). */
export function softmax(x: Tensor, axis = -1): Tensor {
  return softmaxOp(x, axis, false);
}

/** log(softmax(x)) along `axis` (default last), computed directly for accuracy. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return softmaxOp(x, axis, true);
}
