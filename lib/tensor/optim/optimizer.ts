import type { Tensor } from '../index.ts';

/**
 * What every optimiser shares: the parameter list, a learning rate a schedule
 * may set before each step, and zeroGrad. Updates write straight into the
 * parameters' Float32Array data, outside the autograd graph.
 */
export abstract class Optimizer {
  /** Learning rate used by the next step(); set it from a schedule. */
  lr: number;
  readonly params: readonly Tensor[];

  constructor(params: Iterable<Tensor>, lr: number, name: string) {
    const list = [...new Set(params)]; // a tied parameter is updated once, as in PyTorch
    for (const p of list) {
      if (p.dtype !== 'float32') throw new Error(`${name}: parameters must be float32, got ${p.dtype}`);
      if (!p.requiresGrad) throw new Error(`${name}: parameter ${p.toString()} does not require grad`);
    }
    if (!(lr >= 0)) throw new Error(`${name}: invalid learning rate ${lr}`);
    this.params = list;
    this.lr = lr;
  }

  /** Applies one update from the parameters' current .grad; parameters without a grad are skipped. */
  abstract step(): void;

  /** Clears every parameter's gradient (set to null, as PyTorch's default set_to_none). */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }
}

/** The gradient of `p` as a Float32Array, or null when backward never reached it. */
export function gradOf(p: Tensor): Float32Array | null {
  return p.grad === null ? null : (p.grad.data as Float32Array);
}
