/**
 * add, sub, mul, div with NumPy broadcasting. Backward reduces each operand's
 * gradient over the dims it was broadcast along.
 */
import { accumulateGrad, attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { broadcastRows, broadcastShapes, sameShape, sizeOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

function operand(v: Tensor | number): Tensor {
  return typeof v === 'number' ? new Tensor(new Float32Array([v]), []) : toFloat32(v);
}

function binaryKernel(op: BinaryOp, a: Float32Array, b: Float32Array, aShape: readonly number[], bShape: readonly number[], outShape: readonly number[]): Float32Array {
  const out = new Float32Array(sizeOf(outShape));
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
          for (let i = 0; i < g.length; i++) gb[i] = -g[i];
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
          for (let i = 0; i < ga.length; i++) ga[i] = -ga[i] * y[i];
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
