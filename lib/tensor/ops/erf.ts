/**
 * The error function. erfc uses the Chebyshev-fitted formula of Numerical
 * Recipes (erfcc, §6.2), fractional error below 1.2e-7 everywhere, so tails
 * such as erfc(3) stay accurate to float32 precision in relative terms. erf
 * of small |x| comes from its Maclaurin series instead, since 1 − erfc(x)
 * would lose the relative accuracy there.
 */
import { Tensor } from '../tensor.ts';
import { erfcNonNegative } from '../kernels/erfc.ts';
import { unaryOp } from './unary.ts';

export { erfcNonNegative };

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** erf(x) as a double, accurate to ~1e-7 relative. */
export function erfScalar(x: number): number {
  const ax = Math.abs(x);
  if (ax < 0.5) {
    // Maclaurin series: 2/√π Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)); 10 terms reach 1e-16 for |x| < 0.5.
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 10; n++) {
      term *= -x2 / n;
      sum += term / (2 * n + 1);
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  const r = 1 - erfcNonNegative(ax);
  return x < 0 ? -r : r;
}

/** Elementwise error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt. */
export function erf(x: Tensor): Tensor {
  return unaryOp(
    x,
    'erf',
    (x, y) => { for (let i = 0; i < x.length; i++) y[i] = erfScalar(x[i]); },
    (g, x, _y, gx) => { for (let i = 0; i < g.length; i++) gx[i] += g[i] * TWO_OVER_SQRT_PI * Math.exp(-x[i] * x[i]); },
  );
}
