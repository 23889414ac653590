/** Elementwise math functions of one tensor: neg, exp, log, sqrt, pow, tanh. */
import { attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { kernels, type UnaryOp } from '../kernels/index.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

/** y[i] = f(x[i]) for the whole array. */
export type UnaryForward = (x: Float32Array, y: Float32Array) => void;
/** gx[i] += g[i]·f'(x[i]) (given x and y = f(x)). */
export type UnaryBackward = (g: Float32Array, x: Float32Array, y: Float32Array, gx: Float32Array) => void;

/** Applies an elementwise function with its derivative; the kernels loop over whole arrays. */
export function unaryOp(input: Tensor, name: string, forward: UnaryForward, backward: UnaryBackward): Tensor {
  const x = toFloat32(input);
  const xd = x.data as Float32Array;
  const yd = new Float32Array(xd.length);
  forward(xd, yd);
  const out = new Tensor(yd, x.shape);
  if (!tracksGrad(x)) return out;
  return attachGrad(out, name, [x], (g) => backward(g, xd, yd, gradBuffer(x)));
}

/** An elementwise function with a kernel (kernels().unary / unaryBackward), whole tensors per call. */
export function kernelUnaryOp(input: Tensor, op: UnaryOp): Tensor {
  return unaryOp(
    input,
    op,
    (x, y) => { if (x.length > 0) kernels().unary(op, x, y, x.length); },
    (g, x, y, gx) => { if (g.length > 0) kernels().unaryBackward(op, g, x, y, gx, g.length); },
  );
}

/** −x. */
export function neg(x: Tensor): Tensor {
  return kernelUnaryOp(x, 'neg');
}

/** eˣ. */
export function exp(x: Tensor): Tensor {
  return kernelUnaryOp(x, 'exp');
}

/** Natural logarithm. */
export function log(x: Tensor): Tensor {
  return unaryOp(
    x,
    'log',
    (x, y) => { for (let i = 0; i < x.length; i++) y[i] = Math.log(x[i]); },
    (g, x, _y, gx) => { for (let i = 0; i < g.length; i++) gx[i] += g[i] / x[i]; },
  );
}

/** √x. */
export function sqrt(x: Tensor): Tensor {
  return unaryOp(
    x,
    'sqrt',
    (x, y) => { for (let i = 0; i < x.length; i++) y[i] = Math.sqrt(x[i]); },
    (g, _x, y, gx) => { for (let i = 0; i < g.length; i++) gx[i] += (0.5 * g[i]) / y[i]; },
  );
}

/** Hyperbolic tangent. */
export function tanh(x: Tensor): Tensor {
  return kernelUnaryOp(x, 'tanh');
}

/** xᵖ for a constant exponent p. */
export function pow(x: Tensor, p: number): Tensor {
  if (p === 2) {
    return unaryOp(
      x,
      'pow',
      (x, y) => { for (let i = 0; i < x.length; i++) y[i] = x[i] * x[i]; },
      (g, x, _y, gx) => { for (let i = 0; i < g.length; i++) gx[i] += 2 * g[i] * x[i]; },
    );
  }
  return unaryOp(
    x,
    'pow',
    (x, y) => { for (let i = 0; i < x.length; i++) y[i] = Math.pow(x[i], p); },
    (g, x, _y, gx) => {
      if (p === 0) return;
      for (let i = 0; i < g.length; i++) gx[i] += g[i] * p * Math.pow(x[i], p - 1);
    },
  );
}
