/** Ops that rearrange dims: reshape (a view), unsqueeze, squeeze, transpose and permute (copies). */
import { accumulateGrad, attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { formatShape, normaliseAxis, sizeOf, stridesOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';

/** Same data, new shape (one dim may be -1); shares storage with `x`, no copy. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  let inferred = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (d === -1) {
      if (inferred !== -1) throw new Error(`reshape: only one dim may be -1, got ${formatShape(shape)}`);
      inferred = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new Error(`reshape: invalid dim ${d} in ${formatShape(shape)}`);
    } else {
      known *= d;
    }
  }
  const resolved = [...shape];
  if (inferred !== -1) {
    if (known === 0 || x.size % known !== 0) {
      throw new Error(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`);
    }
    resolved[inferred] = x.size / known;
  }
  if (sizeOf(resolved) !== x.size) {
    throw new Error(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`);
  }
  const out = new Tensor(x.data, resolved);
  if (!tracksGrad(x)) return out;
  // The gradient has the same element order, so it passes through unchanged.
  return attachGrad(out, 'reshape', [x], (g) => accumulateGrad(x, g, true));
}

/** Inserts a dim of size 1 at `axis` (a view). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const ax = normaliseAxis(axis, x.ndim + 1, 'unsqueeze');
  const shape = [...x.shape];
  shape.splice(ax, 0, 1);
  return reshape(x, shape);
}

/** Removes dim `axis`, which must have size 1, or every size-1 dim when omitted (a view). */
export function squeeze(x: Tensor, axis?: number): Tensor {
  if (axis === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const ax = normaliseAxis(axis, x.ndim, 'squeeze');
  if (x.shape[ax] !== 1) throw new Error(`squeeze: dim ${axis} of ${formatShape(x.shape)} has size ${x.shape[ax]}, not 1`);
  return reshape(x, x.shape.filter((_, i) => i !== ax));
}

/**
 * Copies `src` read through `srcStrides` (one per output dim) into a
 * contiguous array of `shape`, or adds into it when `into` is given.
 */
function gatherStrided(src: Float32Array, shape: readonly number[], srcStrides: readonly number[], into?: Float32Array): Float32Array {
  const total = sizeOf(shape);
  const out = into ?? new Float32Array(total);
  if (total === 0) return out;
  const nd = shape.length;
  if (nd === 0) {
    out[0] += src[0];
    return out;
  }
  const n = shape[nd - 1];
  const s = srcStrides[nd - 1];
  const idx = new Int32Array(nd);
  let so = 0;
  for (let o = 0; o < total; o += n) {
    if (into) for (let j = 0; j < n; j++) out[o + j] += src[so + j * s];
    else for (let j = 0; j < n; j++) out[o + j] = src[so + j * s];
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      so += srcStrides[d];
      if (idx[d] < shape[d]) break;
      so -= srcStrides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** Reorders dims: output dim i is input dim dims[i] (a copy, like PyTorch's permute(...).contiguous()). */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  const nd = x.ndim;
  if (dims.length !== nd) throw new Error(`permute: ${formatShape(dims)} does not list the ${nd} dims of ${formatShape(x.shape)}`);
  const perm = dims.map((d) => normaliseAxis(d, nd, 'permute'));
  if (new Set(perm).size !== nd) throw new Error(`permute: ${formatShape(dims)} is not a permutation of ${nd} dims`);
  if (perm.every((d, i) => d === i)) return reshape(x, x.shape);
  const xStrides = stridesOf(x.shape);
  const outShape = perm.map((d) => x.shape[d]);
  const out = new Tensor(gatherStrided(x.data as Float32Array, outShape, perm.map((d) => xStrides[d])), outShape);
  if (!tracksGrad(x)) return out;
  return attachGrad(out, 'permute', [x], (g) => {
    // x's element at index i comes from g read with the inverse permutation.
    const outStrides = stridesOf(outShape);
    const inverseStrides = new Array<number>(nd);
    for (let i = 0; i < nd; i++) inverseStrides[perm[i]] = outStrides[i];
    gatherStrided(g, x.shape, inverseStrides, gradBuffer(x));
  });
}

/** Swaps two dims (a copy). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normaliseAxis(dim0, x.ndim, 'transpose');
  const b = normaliseAxis(dim1, x.ndim, 'transpose');
  const perm = x.shape.map((_, i) => i);
  perm[a] = b;
  perm[b] = a;
  return permute(x, perm);
}
