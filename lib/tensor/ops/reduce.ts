/** Reductions: sum, mean, max (values, gradient to the first maximum) and argmax. */
import { attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { broadcastRows, normaliseAxis, sizeOf, splitAtAxis } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

/** The sorted, de-duplicated axes a reduction runs over (all when undefined). */
function reducedAxes(axis: number | number[] | undefined, ndim: number, op: string): number[] {
  if (axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = (Array.isArray(axis) ? axis : [axis]).map((a) => normaliseAxis(a, ndim, op));
  const unique = [...new Set(list)].sort((p, q) => p - q);
  if (unique.length !== list.length) throw new Error(`${op}: axis ${JSON.stringify(axis)} repeats a dim`);
  return unique;
}

/** Sum over the axes into a keepdim-shaped buffer, scaled by `scale`. */
function sumKernel(x: Float32Array, shape: readonly number[], keptShape: readonly number[], scale: number): Float32Array {
  const out = new Float32Array(sizeOf(keptShape));
  broadcastRows(shape, shape, keptShape, (o, _ao, _as, bo, bs, n) => {
    if (bs === 0) {
      let s = 0;
      for (let j = 0; j < n; j++) s += x[o + j];
      out[bo] += s;
    } else {
      for (let j = 0; j < n; j++) out[bo + j * bs] += x[o + j];
    }
  });
  if (scale !== 1) for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}

function reduceSum(op: 'sum' | 'mean', input: Tensor, axis: number | number[] | undefined, keepdim: boolean): Tensor {
  const x = toFloat32(input);
  const axes = reducedAxes(axis, x.ndim, op);
  const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = keepdim ? keptShape : x.shape.filter((_, i) => !axes.includes(i));
  let count = 1;
  for (const a of axes) count *= x.shape[a];
  const scale = op === 'mean' ? 1 / count : 1;
  const out = new Tensor(sumKernel(x.data as Float32Array, x.shape, keptShape, scale), outShape);
  if (!tracksGrad(x)) return out;
  return attachGrad(out, op, [x], (g) => {
    const gx = gradBuffer(x);
    broadcastRows(x.shape, x.shape, keptShape, (o, _ao, _as, bo, bs, n) => {
      for (let j = 0; j < n; j++) gx[o + j] += g[bo + j * bs] * scale;
    });
  });
}

/** Sum over `axis` (one, several, or all when omitted). */
export function sum(x: Tensor, axis?: number | number[], keepdim = false): Tensor {
  return reduceSum('sum', x, axis, keepdim);
}

/** Mean over `axis` (one, several, or all when omitted). */
export function mean(x: Tensor, axis?: number | number[], keepdim = false): Tensor {
  return reduceSum('mean', x, axis, keepdim);
}

/** Index of the first maximum along `axis` in each [outer, inner] position; NaN counts as the maximum, as in PyTorch. */
function argmaxKernel(x: Float32Array, outer: number, len: number, inner: number): Int32Array {
  const idx = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let best = 0;
      let bestValue = x[base];
      if (bestValue === bestValue) {
        for (let k = 1; k < len; k++) {
          const v = x[base + k * inner];
          if (v > bestValue || v !== v) {
            best = k;
            bestValue = v;
            if (v !== v) break;
          }
        }
      }
      idx[o * inner + i] = best;
    }
  }
  return idx;
}

function axisOutShape(shape: readonly number[], axis: number, keepdim: boolean): number[] {
  return keepdim ? shape.map((d, i) => (i === axis ? 1 : d)) : shape.filter((_, i) => i !== axis);
}

/** Maximum values along `axis` (over all elements when omitted); the gradient flows to the first maximum. */
export function max(input: Tensor, axis?: number, keepdim = false): Tensor {
  const x = toFloat32(input);
  let ax = 0;
  let split = { outer: 1, len: x.size, inner: 1 };
  if (axis !== undefined) {
    ax = normaliseAxis(axis, x.ndim, 'max');
    split = splitAtAxis(x.shape, ax);
  }
  const { outer, len, inner } = split;
  if (len === 0) throw new Error('max: cannot reduce over an empty axis');
  const xd = x.data as Float32Array;
  const idx = argmaxKernel(xd, outer, len, inner);
  const values = new Float32Array(idx.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) values[o * inner + i] = xd[(o * len + idx[o * inner + i]) * inner + i];
  }
  const outShape = axis === undefined ? (keepdim ? x.shape.map(() => 1) : []) : axisOutShape(x.shape, ax, keepdim);
  const out = new Tensor(values, outShape);
  if (!tracksGrad(x)) return out;
  return attachGrad(out, 'max', [x], (g) => {
    const gx = gradBuffer(x);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) gx[(o * len + idx[o * inner + i]) * inner + i] += g[o * inner + i];
    }
  });
}

/** Index of the maximum along `axis` as int32 (first one on ties); not differentiable. */
export function argmax(input: Tensor, axis: number, keepdim = false): Tensor {
  const x = toFloat32(input);
  const ax = normaliseAxis(axis, x.ndim, 'argmax');
  const { outer, len, inner } = splitAtAxis(x.shape, ax);
  if (len === 0) throw new Error('argmax: cannot reduce over an empty axis');
  return new Tensor(argmaxKernel(x.data as Float32Array, outer, len, inner), axisOutShape(x.shape, ax, keepdim));
}
