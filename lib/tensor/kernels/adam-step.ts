import type { AdamStepArgs } from './index.ts';

const f = Math.fround;

/**
 * torch.optim.Adam's single-tensor update per element, in float64 arithmetic
 * rounded to float32 after every operation (which gives exactly float32's
 * correctly rounded result for +, −, ×, ÷ and √).
 */
export function plainAdamStep(args: AdamStepArgs): void {
  const { param: data, grad, expAvg: m, expAvgSq: v, decay, l2, lerpWeight, beta2: b2, oneMinusBeta2, negStepSize, biasCorrection2Sqrt, eps } = args;
  for (let j = 0; j < data.length; j++) {
    if (decay !== null) data[j] = data[j] * decay; // AdamW: p.mul_(1 − lr·wd) first
    const g = l2 !== 0 ? f(grad[j] + f(l2 * data[j])) : grad[j];
    m[j] = m[j] + f(lerpWeight * f(g - m[j])); // torch's lerp for weight < 0.5: m + w·(g − m)
    v[j] = f(v[j] * b2) + f(f(oneMinusBeta2 * g) * g); // mul_(β2).addcmul_(g, g, value=1−β2)
    const denom = f(f(f(Math.sqrt(v[j])) / biasCorrection2Sqrt) + eps);
    data[j] = data[j] + f(f(negStepSize * m[j]) / denom); // addcdiv_(m, denom, value=−step_size)
  }
}
