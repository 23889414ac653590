/** Ways to make tensors: from values, constants, ranges and seeded random draws. */
import type { Rng } from './rng.ts';
import { Tensor, type DType } from './tensor.ts';
import { checkShape, formatShape, sizeOf } from './shape.ts';

/** Options shared by the factories. */
export interface TensorOptions {
  /** Marks the tensor as a leaf whose gradient backward() accumulates (a parameter). */
  requiresGrad?: boolean;
}

/** A float32 tensor holding a copy of `values` in row-major order. */
export function tensor(values: number[] | Float32Array, shape: readonly number[], opts: TensorOptions = {}): Tensor {
  checkShape(shape, 'tensor');
  if (values.length !== sizeOf(shape)) {
    throw new Error(`tensor: ${values.length} values do not fill shape ${formatShape(shape)} (${sizeOf(shape)} elements)`);
  }
  return new Tensor(Float32Array.from(values), shape, opts.requiresGrad ?? false);
}

/** An int32 tensor (ids, targets, masks) holding a copy of `values`; integers are required. */
export function intTensor(values: number[] | Int32Array, shape: readonly number[]): Tensor {
  checkShape(shape, 'intTensor');
  if (values.length !== sizeOf(shape)) {
    throw new Error(`intTensor: ${values.length} values do not fill shape ${formatShape(shape)} (${sizeOf(shape)} elements)`);
  }
  const data = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) throw new Error(`intTensor: value ${v} at index ${i} is not an integer`);
    data[i] = v;
  }
  return new Tensor(data, shape);
}

/** A float32 tensor filled with `value`. */
export function full(shape: readonly number[], value: number, opts: TensorOptions = {}): Tensor {
  checkShape(shape, 'full');
  return new Tensor(new Float32Array(sizeOf(shape)).fill(value), shape, opts.requiresGrad ?? false);
}

/** A float32 tensor of zeros. */
export function zeros(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  checkShape(shape, 'zeros');
  return new Tensor(new Float32Array(sizeOf(shape)), shape, opts.requiresGrad ?? false);
}

/** A float32 tensor of ones. */
export function ones(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return full(shape, 1, opts);
}

/** Standard-normal samples drawn from `rng`. */
export function randn(shape: readonly number[], rng: Rng, opts: TensorOptions = {}): Tensor {
  checkShape(shape, 'randn');
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return new Tensor(data, shape, opts.requiresGrad ?? false);
}

/** Uniform samples in [low, high) drawn from `rng`. */
export function uniform(shape: readonly number[], low: number, high: number, rng: Rng, opts: TensorOptions = {}): Tensor {
  checkShape(shape, 'uniform');
  if (!(high >= low)) throw new Error(`uniform: high (${high}) must be >= low (${low})`);
  const data = new Float32Array(sizeOf(shape));
  const span = high - low;
  for (let i = 0; i < data.length; i++) data[i] = low + span * rng.next();
  return new Tensor(data, shape, opts.requiresGrad ?? false);
}

/** 0, 1, …, n-1 as a 1-D tensor; int32 by default (positions, ids). */
export function arange(n: number, dtype: DType = 'int32'): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new Error(`arange: n must be a non-negative integer, got ${n}`);
  const data = dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = i;
  return new Tensor(data, [n]);
}
