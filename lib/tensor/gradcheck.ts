/**
 * Finite-difference gradient checking. The scalar probed is
 * L = Σ fn(inputs) ⊙ W for fixed random weights W (so gradients such as
 * softmax's, which vanish under a plain sum, are exercised). Autograd's dL/dx
 * is compared with central differences; the perturbation actually applied is
 * measured after float32 rounding and L is summed in float64, which keeps
 * float32's noise well below a wrong formula's error.
 */
import { noGrad } from './autograd.ts';
import { Rng } from './rng.ts';
import { Tensor } from './tensor.ts';

/** Step and tolerances; the defaults suit float32 ops on O(1) values. */
export interface GradCheckOptions {
  /** Step of the central difference (default 1e-2). */
  eps?: number;
  /** Absolute tolerance (default 2e-3). */
  atol?: number;
  /** Relative tolerance against the numeric gradient (default 2e-2). */
  rtol?: number;
  /** Seed of the random output weights (default 1). */
  seed?: number;
}

/** What gradCheck found. */
export interface GradCheckResult {
  ok: boolean;
  /** Largest |analytic − numeric| seen. */
  maxAbsError: number;
  /** The mismatching entries, readable in a test failure (at most 10). */
  mismatches: string[];
}

function weightedSum(out: Tensor, weights: Float64Array): number {
  let s = 0;
  for (let i = 0; i < out.size; i++) s += out.data[i] * weights[i];
  return s;
}

/**
 * Checks the gradients of fn with respect to every input that requires grad
 * (int32 inputs, such as ids, are passed through untouched).
 */
export function gradCheck(fn: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], opts: GradCheckOptions = {}): GradCheckResult {
  const eps = opts.eps ?? 1e-2;
  const atol = opts.atol ?? 2e-3;
  const rtol = opts.rtol ?? 2e-2;
  const rng = new Rng(opts.seed ?? 1);

  for (const t of inputs) t.zeroGrad();
  const out = fn(...inputs);
  const weights = new Float64Array(out.size);
  for (let i = 0; i < weights.length; i++) weights[i] = (0.5 + rng.next()) * (rng.next() < 0.5 ? -1 : 1);
  if (!out.requiresGrad) throw new Error('gradCheck: the output does not require grad; mark inputs with requiresGrad');
  out.backward(new Tensor(Float32Array.from(weights), out.shape));

  const mismatches: string[] = [];
  let maxAbsError = 0;
  inputs.forEach((input, k) => {
    if (!input.requiresGrad) return;
    const analytic = input.grad ? (input.grad.data as Float32Array) : new Float32Array(input.size);
    const data = input.data as Float32Array;
    for (let i = 0; i < data.length; i++) {
      const original = data[i];
      data[i] = original + eps;
      const up = data[i];
      const fUp = noGrad(() => weightedSum(fn(...inputs), weights));
      data[i] = original - eps;
      const down = data[i];
      const fDown = noGrad(() => weightedSum(fn(...inputs), weights));
      data[i] = original;
      const numeric = (fUp - fDown) / (up - down);
      const error = Math.abs(analytic[i] - numeric);
      if (!(error <= maxAbsError)) maxAbsError = error;
      if (!(error <= atol + rtol * Math.abs(numeric))) {
        if (mismatches.length < 10) {
          mismatches.push(`input ${k} [${input.shape.join(',')}] element ${i}: autograd ${analytic[i]} vs numeric ${numeric}`);
        }
      }
    }
  });
  for (const t of inputs) t.zeroGrad();
  return { ok: mismatches.length === 0, maxAbsError, mismatches };
}
