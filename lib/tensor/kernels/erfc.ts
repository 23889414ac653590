/**
 * erfc(z) for z ≥ 0: the Chebyshev-fitted formula of Numerical Recipes (erfcc,
 * §6.2), fractional error below 1.2e-7 everywhere, so tails such as erfc(3)
 * stay accurate to float32 precision in relative terms. Shared by the erf op
 * and the GELU kernel (the WebAssembly GELU ports this formula).
 */
export function erfcNonNegative(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  return (
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  );
}
