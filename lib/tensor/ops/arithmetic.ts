/**
 * add, sub, mul, div with NumPy broadcasting. Backward reduces each operand's
 * gradient over the dims it was broadcast along. Same shapes, an operand
 * broadcast along trailing dims (a bias [d] over [rows, d]) and scalars run on
 * the kernels (kernels().binary / sumRowsInto); any other broadcast pattern
 * takes the general strided walk here.
 */
import { accumulateGrad, attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { kernels, type BinaryOp } from '../kernels/index.ts';
import { broadcastRows, broadcastShapes, sameShape, sizeOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

/**
 * The period of an operand's data in the broadcast output: its size when,
 * leading 1s dropped, its shape is a trailing part of the output's (or it has
 * one element); null for other broadcasts (e.g. [rows, 1] over [rows, d]).
 */
export function broadcastPeriod(shape: readonly number[], outShape: readonly number[]): number | null {
  const size = sizeOf(shape);
  if (size === 1) return 1;
  let lead = 0;
  while (lead < shape.length && shape[lead] === 1) lead++;
  const rest = shape.length - lead;
  if (rest > outShape.length) return null;
  for (let i = 0; i < rest; i++) if (shape[lead + i] !== outShape[outShape.length - rest + i]) return null;
  return size;
}

function operand(v: Tensor | number): Tensor {
  return typeof v === 'number' ? new Tensor(new Float32Array([v]), []) : toFloat32(v);
}

/** out = a op b broadcast to outShape: on the kernels when both operands are periodic, else the strided walk. */
function binaryKernel(op: BinaryOp, a: Float32Array, b: Float32Array, aShape: readonly number[], bShape: readonly number[], outShape: readonly number[]): Float32Array {
  const n = sizeOf(outShape);
  const out = new Float32Array(n);
  const aLen = broadcastPeriod(aShape, outShape);
  const bLen = broadcastPeriod(bShape, outShape);
  if (aLen !== null && bLen !== null) {
    if (n > 0) kernels().binary(op, a, aLen, b, bLen, out, n);
    return out;
  }
  broadcastRows(outShape, aShape, bShape, (o, ao, as, bo, bs, n) => {
    if (as === 1 && bs === 1) {
      switch (op) {
        case 'add': for (let j = 0; j < n; j++) out[o + j] = a[ao + j] + b[bo + j]; break;
        case 'sub': for (let j = 0; j < n; j++) out[o + j] = a[ao + j] - b[bo + j]; break;
        case 'mul': for (let j = 0; j < n; j++) out[o + j] = a[ao + j] * b[bo + j]; break;
        case 'div': for (let j = 0; j < n; j++) out[o + j] = a[ao + j] / b[bo + j]; break;
      }
    } else {
      switch (op) {
        case 'add': for (let j = 0; j < n; j++) out[o + j] = a[ao + j * as] + b[bo + j * bs]; break;
        case 'sub': for (let j = 0; j < n; j++) out[o + j] = a[ao + j * as] - b[bo + j * bs]; break;
        case 'mul': for (let j = 0; j < n; j++) out[o + j] = a[ao + j * as] * b[bo + j * bs]; break;
        case 'div': for (let j = 0; j < n; j++) out[o + j] = a[ao + j * as] / b[bo + j * bs]; break;
      }
    }
  });
  return out;
}

/**
 * Adds `g` (shaped like the broadcast output) into t's gradient, summing over
 * broadcast dims. `owned` lets a same-shape gradient be adopted without a copy.
 */
export function accumulateBroadcastGrad(t: Tensor, g: Float32Array, outShape: readonly number[], owned: boolean): void {
  if (sameShape(t.shape, outShape)) {
    accumulateGrad(t, g, owned);
    return;
  }
  const dst = gradBuffer(t);
  const period = broadcastPeriod(t.shape, outShape);
  if (period !== null) {
    if (g.length > 0) kernels().sumRowsInto(g, g.length, period, dst);
    return;
  }
  broadcastRows(outShape, t.shape, t.shape, (o, ao, as, _bo, _bs, n) => {
    if (as === 0) {
      let s = 0;
      for (let j = 0; j < n; j++) s += g[o + j];
      dst[ao] += s;
    } else {
      for (let j = 0; j < n; j++) dst[ao + j * as] += g[o + j];
    }
  });
}

function binary(op: BinaryOp, x: Tensor | number, y: Tensor | number): Tensor {
  const a = operand(x);
  const b = operand(y);
  const outShape = sameShape(a.shape, b.shape) ? a.shape : broadcastShapes(a.shape, b.shape, op);
  const ad = a.data as Float32Array;
  const bd = b.data as Float32Array;
  const out = new Tensor(binaryKernel(op, ad, bd, a.shape, b.shape, outShape), outShape);
  if (!tracksGrad(a, b)) return out;
  return attachGrad(out, op, [a, b], (g) => {
    switch (op) {
      case 'add':
        if (a.requiresGrad) accumulateBroadcastGrad(a, g, outShape, !b.requiresGrad);
        if (b.requiresGrad) accumulateBroadcastGrad(b, g, outShape, true);
        break;
      case 'sub':
        if (a.requiresGrad) accumulateBroadcastGrad(a, g, outShape, !b.requiresGrad);
        if (b.requiresGrad) {
          const gb = new Float32Array(g.length);
          kernels().unary('neg', g, gb, g.length);
          accumulateBroadcastGrad(b, gb, outShape, true);
        }
        break;
      case 'mul':
        if (a.requiresGrad) accumulateBroadcastGrad(a, binaryKernel('mul', g, bd, outShape, b.shape, outShape), outShape, true);
        if (b.requiresGrad) accumulateBroadcastGrad(b, binaryKernel('mul', g, ad, outShape, a.shape, outShape), outShape, true);
        break;
      case 'div': {
        const ga = binaryKernel('div', g, bd, outShape, b.shape, outShape);
        if (a.requiresGrad) accumulateBroadcastGrad(a, b.requiresGrad ? ga.slice() : ga, outShape, true);
        if (b.requiresGrad) {
          // d(a/b)/db = -(a/b)/b, so gb = -(g/b)·y.
          const y = out.data as Float32Array;
          kernels().binary('mul', ga, ga.length, y, ga.length, ga, ga.length);
          kernels().unary('neg', ga, ga, ga.length);
          accumulateBroadcastGrad(b, ga, outShape, true);
        }
        break;
      }
    }
  });
}

/** a + b with broadcasting. */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return binary('add', a, b);
}

/** a − b with broadcasting. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return binary('sub', a, b);
}

/** a · b elementwise with broadcasting. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return binary('mul', a, b);
}

/** a / b elementwise with broadcasting. */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return binary('div', a, b);
}
