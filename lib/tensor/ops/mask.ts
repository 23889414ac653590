/** maskedFill: the attention-mask primitive. */
import { attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { broadcastRows, broadcastShapes, formatShape, sameShape } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

/** x with `value` wherever the broadcast `mask` is nonzero (e.g. −Infinity before softmax); the gradient there is 0. */
export function maskedFill(input: Tensor, mask: Tensor, value: number): Tensor {
  const x = toFloat32(input);
  if (!sameShape(broadcastShapes(x.shape, mask.shape, 'maskedFill'), x.shape)) {
    throw new Error(`maskedFill: mask ${formatShape(mask.shape)} does not broadcast to input ${formatShape(x.shape)}`);
  }
  const md = mask.data;
  const y = (x.data as Float32Array).slice();
  broadcastRows(x.shape, x.shape, mask.shape, (o, _ao, _as, bo, bs, n) => {
    for (let j = 0; j < n; j++) if (md[bo + j * bs] !== 0) y[o + j] = value;
  });
  const out = new Tensor(y, x.shape);
  if (!tracksGrad(x)) return out;
  return attachGrad(out, 'maskedFill', [x], (g) => {
    const gx = gradBuffer(x);
    broadcastRows(x.shape, x.shape, mask.shape, (o, _ao, _as, bo, bs, n) => {
      for (let j = 0; j < n; j++) if (md[bo + j * bs] === 0) gx[o + j] += g[o + j];
    });
  });
}
