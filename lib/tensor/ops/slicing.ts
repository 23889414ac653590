/** Cutting and joining along one axis: slice, split, concat, stack. */
import { attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { formatShape, normaliseAxis, sizeOf, splitAtAxis } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';
import { unsqueeze } from './layout.ts';

/** Slicing and joining keep int32 (ids, targets) as int32; anything mixed becomes float32. */
function allocate(dtype: 'float32' | 'int32', n: number): Float32Array | Int32Array {
  return dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
}

/** Elements [start, end) along `axis`; negative indices count from the end and both are clamped, as in Python slicing. */
export function slice(x: Tensor, axis: number, start: number, end?: number): Tensor {
  const ax = normaliseAxis(axis, x.ndim, 'slice');
  const { outer, len, inner } = splitAtAxis(x.shape, ax);
  const clamp = (i: number) => Math.min(Math.max(i < 0 ? i + len : i, 0), len);
  const from = clamp(start);
  const to = Math.max(from, clamp(end ?? len));
  const count = to - from;
  const outShape = x.shape.map((d, i) => (i === ax ? count : d));
  const xd = x.data;
  const block = count * inner;
  const out = allocate(x.dtype, outer * block);
  for (let o = 0; o < outer; o++) {
    const src = (o * len + from) * inner;
    out.set(xd.subarray(src, src + block), o * block);
  }
  const result = new Tensor(out, outShape);
  if (!tracksGrad(x)) return result;
  return attachGrad(result, 'slice', [x], (g) => {
    const gx = gradBuffer(x);
    for (let o = 0; o < outer; o++) {
      const dst = (o * len + from) * inner;
      const src = o * block;
      for (let j = 0; j < block; j++) gx[dst + j] += g[src + j];
    }
  });
}

/** PyTorch's torch.split: chunks of `size` (the last may be smaller), or the listed sizes, along `axis`. */
export function split(x: Tensor, sizeOrSizes: number | readonly number[], axis = 0): Tensor[] {
  const ax = normaliseAxis(axis, x.ndim, 'split');
  const len = x.shape[ax];
  let sizes: number[];
  if (typeof sizeOrSizes === 'number') {
    if (!Number.isInteger(sizeOrSizes) || sizeOrSizes <= 0) throw new Error(`split: chunk size must be a positive integer, got ${sizeOrSizes}`);
    sizes = [];
    for (let s = 0; s < len; s += sizeOrSizes) sizes.push(Math.min(sizeOrSizes, len - s));
    if (sizes.length === 0) sizes.push(0);
  } else {
    sizes = [...sizeOrSizes];
    const total = sizes.reduce((p, q) => p + q, 0);
    if (total !== len || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new Error(`split: sizes ${formatShape(sizes)} do not add up to dim ${axis} (${len}) of ${formatShape(x.shape)}`);
    }
  }
  const parts: Tensor[] = [];
  let start = 0;
  for (const s of sizes) {
    parts.push(slice(x, ax, start, start + s));
    start += s;
  }
  return parts;
}

/** Joins tensors along an existing `axis`; all other dims must agree. */
export function concat(inputs: readonly Tensor[], axis: number): Tensor {
  if (inputs.length === 0) throw new Error('concat: needs at least one tensor');
  const xs = inputs.every((t) => t.dtype === 'int32') ? [...inputs] : inputs.map(toFloat32);
  const first = xs[0];
  const ax = normaliseAxis(axis, first.ndim, 'concat');
  let total = 0;
  for (const t of xs) {
    const compatible = t.ndim === first.ndim && t.shape.every((d, i) => i === ax || d === first.shape[i]);
    if (!compatible) {
      throw new Error(`concat: shapes ${xs.map((u) => formatShape(u.shape)).join(', ')} differ outside axis ${axis}`);
    }
    total += t.shape[ax];
  }
  const outShape = first.shape.map((d, i) => (i === ax ? total : d));
  const { outer, inner } = splitAtAxis(first.shape, ax);
  const rowOut = total * inner;
  const out = allocate(xs[0].dtype, sizeOf(outShape));
  let offset = 0;
  const offsets: number[] = [];
  for (const t of xs) {
    const block = t.shape[ax] * inner;
    const td = t.data;
    for (let o = 0; o < outer; o++) out.set(td.subarray(o * block, (o + 1) * block), o * rowOut + offset);
    offsets.push(offset);
    offset += block;
  }
  const result = new Tensor(out, outShape);
  if (!tracksGrad(...xs)) return result;
  return attachGrad(result, 'concat', xs, (g) => {
    xs.forEach((t, k) => {
      if (!t.requiresGrad) return;
      const gx = gradBuffer(t);
      const block = t.shape[ax] * inner;
      for (let o = 0; o < outer; o++) {
        const src = o * rowOut + offsets[k];
        const dst = o * block;
        for (let j = 0; j < block; j++) gx[dst + j] += g[src + j];
      }
    });
  });
}

/** Joins same-shaped tensors along a new `axis`. */
export function stack(inputs: readonly Tensor[], axis = 0): Tensor {
  if (inputs.length === 0) throw new Error('stack: needs at least one tensor');
  const shape = inputs[0].shape;
  for (const t of inputs) {
    if (t.ndim !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new Error(`stack: shapes ${inputs.map((u) => formatShape(u.shape)).join(', ')} differ`);
    }
  }
  const ax = normaliseAxis(axis, shape.length + 1, 'stack');
  return concat(inputs.map((t) => unsqueeze(t, ax)), ax);
}
