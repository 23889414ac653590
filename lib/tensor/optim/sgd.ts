import type { Tensor } from '../index.ts';
import { gradOf, Optimizer } from './optimizer.ts';

const f = Math.fround;

export interface SgdOptions {
  /** Required, as in torch.optim.SGD's usual use (its default 1e-3 is rarely what one wants). */
  lr: number;
  momentum?: number;
  /** L2 penalty added to the gradient: g + weightDecay·p. */
  weightDecay?: number;
  nesterov?: boolean;
}

/**
 * torch.optim.SGD with dampening 0: g ← g + wd·p; buf ← g on the first step,
 * buf ← μ·buf + g afterwards; g ← g + μ·buf (Nesterov) or buf; p ← p − lr·g.
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private readonly buffers: Float32Array[];
  private readonly hasBuffer: boolean[];

  constructor(params: Iterable<Tensor>, options: SgdOptions) {
    super(params, options.lr, 'SGD');
    this.momentum = options.momentum ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.nesterov = options.nesterov ?? false;
    if (this.momentum < 0) throw new Error(`SGD: invalid momentum ${this.momentum}`);
    if (this.weightDecay < 0) throw new Error(`SGD: invalid weightDecay ${this.weightDecay}`);
    if (this.nesterov && this.momentum <= 0) throw new Error('SGD: nesterov needs a positive momentum');
    this.buffers = this.params.map((p) => new Float32Array(this.momentum !== 0 ? p.size : 0));
    this.hasBuffer = this.params.map(() => false);
  }

  /** One SGD update of every parameter that has a gradient. */
  step(): void {
    const { lr, momentum: mu, weightDecay: wd, nesterov } = this;
    this.params.forEach((p, i) => {
      const grad = gradOf(p);
      if (grad === null) return;
      const data = p.data as Float32Array;
      const buf = this.buffers[i];
      const first = !this.hasBuffer[i];
      this.hasBuffer[i] = true;
      // Scalars enter ATen's float32 kernels as float32; every intermediate tensor is float32.
      const wd32 = f(wd);
      const mu32 = f(mu);
      const negLr = f(-lr);
      for (let j = 0; j < data.length; j++) {
        let g = wd !== 0 ? f(grad[j] + f(wd32 * data[j])) : grad[j];
        if (mu !== 0) {
          buf[j] = first ? g : f(buf[j] * mu32) + g;
          g = nesterov ? f(g + f(mu32 * buf[j])) : buf[j];
        }
        data[j] = data[j] + f(negLr * g);
      }
    });
  }
}
