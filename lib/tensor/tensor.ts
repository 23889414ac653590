import { runBackward } from './autograd.ts';
import { checkShape, formatShape, sizeOf } from './shape.ts';

/** Element types: float32 for values and gradients, int32 for ids and masks. */
export type DType = 'float32' | 'int32';

/** How an op's result was computed: its inputs and how to push a gradient back into them. */
export interface GradFn {
  readonly name: string;
  readonly parents: readonly Tensor[];
  /** Receives d(loss)/d(output) and accumulates into the parents (see autograd.ts). */
  readonly backward: (grad: Float32Array) => void;
}

/**
 * An n-dimensional array with contiguous row-major storage and reverse-mode
 * autograd. Ops are free functions (see index.ts); a tensor never changes
 * shape or dtype, and ops never write into their inputs, so views
 * (reshape, detach) may share storage safely.
 */
export class Tensor {
  data: Float32Array | Int32Array;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  requiresGrad: boolean;
  /** Accumulated d(loss)/d(this) for leaves; null until a backward pass reaches it or after zeroGrad(). */
  grad: Tensor | null = null;
  /** Set on op results while the graph is alive; cleared by backward(). */
  gradFn: GradFn | null = null;
  /** @internal gradient being accumulated for a non-leaf during a backward pass. */
  pendingGrad: Float32Array | null = null;
  /** @internal true once backward() has consumed and freed this result's graph. */
  graphFreed = false;

  /** Wraps `data` (not copied) as a tensor of `shape`. */
  constructor(data: Float32Array | Int32Array, shape: readonly number[], requiresGrad = false) {
    checkShape(shape, 'Tensor');
    const size = sizeOf(shape);
    if (data.length !== size) {
      throw new Error(`Tensor: ${data.length} values do not fill shape ${formatShape(shape)} (${size} elements)`);
    }
    const dtype: DType = data instanceof Int32Array ? 'int32' : 'float32';
    if (requiresGrad && dtype !== 'float32') throw new Error('Tensor: only float32 tensors can require grad');
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = size;
    this.requiresGrad = requiresGrad;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** True for tensors not produced by a recorded op (parameters and inputs). */
  get isLeaf(): boolean {
    return this.gradFn === null && !this.graphFreed;
  }

  /**
   * Back-propagates from this tensor: `grad` defaults to 1 for a one-element
   * tensor. Gradients accumulate into leaves' `.grad`; the graph is freed.
   */
  backward(grad?: Tensor): void {
    runBackward(this, grad);
  }

  /** A tensor sharing this one's data but cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, false);
  }

  /** Forgets the accumulated gradient (sets it to null, like PyTorch's set_to_none). */
  zeroGrad(): void {
    this.grad = null;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item: tensor of shape ${formatShape(this.shape)} has ${this.size} elements, not 1`);
    return this.data[0];
  }

  /** The values in row-major order as a plain array. */
  toArray(): number[] {
    return Array.from(this.data);
  }

  toString(): string {
    return `Tensor(${this.dtype}, ${formatShape(this.shape)}${this.requiresGrad ? ', requiresGrad' : ''})`;
  }
}
