/** Activation functions: relu, gelu (exact and tanh), silu, sigmoid. */
import { Tensor } from '../tensor.ts';
import { erfcNonNegative } from './erf.ts';
import { unaryOp } from './unary.ts';

const SQRT_HALF = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_2_OVER_PI = 0.7978845608028654;
const GELU_TANH_COEF = 0.044715;

/** max(x, 0); the gradient at 0 is 0, as in PyTorch. */
export function relu(x: Tensor): Tensor {
  return unaryOp(
    x,
    'relu',
    (x, y) => { for (let i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : 0; },
    (g, x, _y, gx) => { for (let i = 0; i < g.length; i++) if (x[i] > 0) gx[i] += g[i]; },
  );
}

/** Φ(x), the standard normal CDF, computed from erfc so both tails are accurate. */
function normalCdf(x: number): number {
  const z = x * SQRT_HALF;
  return z < 0 ? 0.5 * erfcNonNegative(-z) : 1 - 0.5 * erfcNonNegative(z);
}

/**
 * GELU: exact x·Φ(x) = 0.5·x·(1 + erf(x/√2)) by default, or PyTorch's
 * approximate='tanh' form 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))).
 */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate === 'tanh') {
    return unaryOp(
      x,
      'gelu_tanh',
      (x, y) => {
        for (let i = 0; i < x.length; i++) {
          const v = x[i];
          y[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_TANH_COEF * v * v * v)));
        }
      },
      (g, x, _y, gx) => {
        for (let i = 0; i < g.length; i++) {
          const v = x[i];
          const t = Math.tanh(SQRT_2_OVER_PI * (v + GELU_TANH_COEF * v * v * v));
          const du = SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_COEF * v * v);
          gx[i] += g[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du);
        }
      },
    );
  }
  if (approximate !== 'none') throw new Error(`gelu: approximate must be 'none' or 'tanh', got '${approximate}'`);
  return unaryOp(
    x,
    'gelu',
    (x, y) => { for (let i = 0; i < x.length; i++) y[i] = x[i] * normalCdf(x[i]); },
    (g, x, y, gx) => {
      for (let i = 0; i < g.length; i++) {
        const v = x[i];
        // Φ(x) = y/x recovers the forward's CDF without a second erfc.
        const cdf = Math.abs(v) > 1e-20 ? y[i] / v : 0.5;
        gx[i] += g[i] * (cdf + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v));
      }
    },
  );
}

/** Logistic sigmoid 1/(1+e⁻ˣ), evaluated without overflow for large |x|. */
function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** Logistic sigmoid. */
export function sigmoid(x: Tensor): Tensor {
  return unaryOp(
    x,
    'sigmoid',
    (x, y) => { for (let i = 0; i < x.length; i++) y[i] = sigmoidScalar(x[i]); },
    (g, _x, y, gx) => { for (let i = 0; i < g.length; i++) gx[i] += g[i] * y[i] * (1 - y[i]); },
  );
}

/** SiLU (swish): x·σ(x). */
export function silu(x: Tensor): Tensor {
  return unaryOp(
    x,
    'silu',
    (x, y) => { for (let i = 0; i < x.length; i++) y[i] = x[i] * sigmoidScalar(x[i]); },
    (g, x, _y, gx) => {
      for (let i = 0; i < g.length; i++) {
        const s = sigmoidScalar(x[i]);
        gx[i] += g[i] * s * (1 + x[i] * (1 - s));
      }
    },
  );
}
