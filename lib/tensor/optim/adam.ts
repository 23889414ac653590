import type { Tensor } from '../index.ts';
import { kernels } from '../kernels/index.ts';
import { gradOf, Optimizer } from './optimizer.ts';

const f = Math.fround;

export interface AdamOptions {
  /** Default 1e-3. */
  lr?: number;
  /** Default [0.9, 0.999]. */
  betas?: [number, number];
  /** Default 1e-8. */
  eps?: number;
  /** Adam: L2 added to the gradient (default 0). AdamW: decoupled decay (default 0.01). */
  weightDecay?: number;
}

/**
 * torch.optim.Adam (single-tensor path), per element, with t the parameter's step count:
 *   g ← g + wd·p;  m ← lerp(m, g, 1−β1);  v ← β2·v + (1−β2)·g²
 *   p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + eps)
 * Intermediates are rounded to float32 where PyTorch stores a float32 tensor.
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly decoupled: boolean;
  private readonly expAvg: Float32Array[];
  private readonly expAvgSq: Float32Array[];
  private readonly steps: number[];

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}, decoupled = false) {
    const name = decoupled ? 'AdamW' : 'Adam';
    super(params, options.lr ?? 1e-3, name);
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? (decoupled ? 0.01 : 0);
    this.decoupled = decoupled;
    for (const b of [this.beta1, this.beta2]) {
      if (!(b >= 0 && b < 1)) throw new Error(`${name}: invalid beta ${b}`);
    }
    if (!(this.eps >= 0)) throw new Error(`${name}: invalid eps ${this.eps}`);
    if (!(this.weightDecay >= 0)) throw new Error(`${name}: invalid weightDecay ${this.weightDecay}`);
    this.expAvg = this.params.map((p) => new Float32Array(p.size));
    this.expAvgSq = this.params.map((p) => new Float32Array(p.size));
    this.steps = this.params.map(() => 0);
  }

  /** One Adam update of every parameter that has a gradient. */
  step(): void {
    const { lr, beta1, beta2, eps, weightDecay: wd } = this;
    this.params.forEach((p, i) => {
      const grad = gradOf(p);
      if (grad === null) return;
      const t = ++this.steps[i];
      // Scalars enter ATen's float32 kernels as float32, so they are rounded too.
      kernels().adamStep({
        param: p.data as Float32Array,
        grad,
        expAvg: this.expAvg[i],
        expAvgSq: this.expAvgSq[i],
        decay: this.decoupled && wd !== 0 ? f(1 - lr * wd) : null,
        l2: f(this.decoupled ? 0 : wd),
        lerpWeight: f(1 - beta1),
        beta2: f(beta2),
        oneMinusBeta2: f(1 - beta2),
        negStepSize: f(-(lr / (1 - beta1 ** t))),
        biasCorrection2Sqrt: f(Math.sqrt(1 - beta2 ** t)),
        eps: f(eps),
      });
    });
  }
}

/** torch.optim.AdamW: decoupled weight decay p ← p·(1 − lr·wd) before the Adam update (wd default 0.01). */
export class AdamW extends Adam {
  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params, options, true);
  }
}
