/**
 * Matrix products: matmul (batched, broadcasting batch dims, PyTorch's 1-D
 * rules) and linear (x Wᵀ + b). Every product goes through kernels().matmul
 * (or matmulBatched, one call for a whole batch);
 * backward passes use its transpose flags instead of materialising transposes
 * and its accumulate flag to sum over broadcast batches in place.
 */
import { attachGrad, gradBuffer, hasGradBuffer, tracksGrad } from '../autograd.ts';
import { kernels } from '../kernels/index.ts';
import { broadcastRows, broadcastShapes, formatShape, sizeOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';
import { reshape } from './layout.ts';

/** Visits each pair of matrices of a broadcast batch: (output index, a index, b index), in matrix units. */
function forEachBatch(batch: readonly number[], aBatch: readonly number[], bBatch: readonly number[], visit: (o: number, ai: number, bi: number) => void): void {
  broadcastRows(batch, aBatch, bBatch, (o, ao, as, bo, bs, n) => {
    for (let j = 0; j < n; j++) visit(o + j, ao + j * as, bo + j * bs);
  });
}

/** Batched matrix product with PyTorch's torch.matmul semantics. */
export function matmul(aIn: Tensor, bIn: Tensor): Tensor {
  if (aIn.ndim === 0 || bIn.ndim === 0) throw new Error('matmul: both operands need at least one dim');
  // 1-D operands become a row (a) or column (b) matrix; that dim is dropped from the result.
  const a = aIn.ndim === 1 ? reshape(toFloat32(aIn), [1, aIn.shape[0]]) : toFloat32(aIn);
  const b = bIn.ndim === 1 ? reshape(toFloat32(bIn), [bIn.shape[0], 1]) : toFloat32(bIn);
  const m = a.shape[a.ndim - 2];
  const k = a.shape[a.ndim - 1];
  const n = b.shape[b.ndim - 1];
  if (b.shape[b.ndim - 2] !== k) {
    throw new Error(`matmul: inner dims differ: ${formatShape(aIn.shape)} x ${formatShape(bIn.shape)}`);
  }
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  let out: Tensor;
  if (bBatch.length === 0 && aBatch.length > 0) {
    // [..., m, k] x [k, n] is one [(...)·m, k] x [k, n] product.
    const rows = sizeOf(aBatch) * m;
    const flat = product(reshape(a, [rows, k]), b, rows, k, n);
    out = reshape(flat, [...aBatch, m, n]);
  } else {
    out = batchedProduct(a, b, aBatch, bBatch, m, k, n);
  }
  if (aIn.ndim === 1 && bIn.ndim === 1) return reshape(out, []);
  if (aIn.ndim === 1) return reshape(out, [...out.shape.slice(0, -2), n]);
  if (bIn.ndim === 1) return reshape(out, out.shape.slice(0, -1));
  return out;
}

/** A single [m, k] x [k, n] product with its backward. */
function product(a: Tensor, b: Tensor, m: number, k: number, n: number): Tensor {
  const ad = a.data as Float32Array;
  const bd = b.data as Float32Array;
  const od = new Float32Array(m * n);
  kernels().matmul({ a: ad, aOffset: 0, b: bd, bOffset: 0, out: od, outOffset: 0, m, k, n, transA: false, transB: false, accumulate: false });
  const out = new Tensor(od, [m, n]);
  if (!tracksGrad(a, b)) return out;
  return attachGrad(out, 'matmul', [a, b], (g) => {
    // dA = g Bᵀ, dB = Aᵀ g; a fresh (zero) gradient buffer is overwritten rather than added into.
    if (a.requiresGrad) {
      const accumulate = hasGradBuffer(a);
      kernels().matmul({ a: g, aOffset: 0, b: bd, bOffset: 0, out: gradBuffer(a), outOffset: 0, m, k: n, n: k, transA: false, transB: true, accumulate });
    }
    if (b.requiresGrad) {
      const accumulate = hasGradBuffer(b);
      kernels().matmul({ a: ad, aOffset: 0, b: g, bOffset: 0, out: gradBuffer(b), outOffset: 0, m: k, k: m, n, transA: true, transB: false, accumulate });
    }
  });
}

/**
 * The batch walk as constant strides (in matrices) when it is one — every
 * same-shape batch and every broadcast of a whole operand is — else null.
 */
function batchStrides(batch: readonly number[], aBatch: readonly number[], bBatch: readonly number[]): { count: number; a: number; b: number } | null {
  const count = sizeOf(batch);
  if (count === 0) return { count, a: 0, b: 0 };
  let as = 0;
  let bs = 0;
  let affine = true;
  forEachBatch(batch, aBatch, bBatch, (o, ai, bi) => {
    if (o === 1) {
      as = ai;
      bs = bi;
    }
    if (ai !== o * as || bi !== o * bs) affine = false;
  });
  return affine ? { count, a: as, b: bs } : null;
}

function batchedProduct(a: Tensor, b: Tensor, aBatch: number[], bBatch: number[], m: number, k: number, n: number): Tensor {
  const batch = broadcastShapes(aBatch, bBatch, 'matmul');
  const ad = a.data as Float32Array;
  const bd = b.data as Float32Array;
  const od = new Float32Array(sizeOf(batch) * m * n);
  const mk = m * k;
  const kn = k * n;
  const mn = m * n;
  // One kernel call for the whole batch when its walk has constant strides; else one per matrix.
  const strides = batchStrides(batch, aBatch, bBatch);
  if (strides) {
    kernels().matmulBatched({ a: ad, aOffset: 0, b: bd, bOffset: 0, out: od, outOffset: 0, m, k, n, transA: false, transB: false, accumulate: false, batch: strides.count, aStride: strides.a * mk, bStride: strides.b * kn, outStride: mn });
  } else {
    const kernel = kernels();
    forEachBatch(batch, aBatch, bBatch, (o, ai, bi) => {
      kernel.matmul({ a: ad, aOffset: ai * mk, b: bd, bOffset: bi * kn, out: od, outOffset: o * mn, m, k, n, transA: false, transB: false, accumulate: false });
    });
  }
  const out = new Tensor(od, [...batch, m, n]);
  if (!tracksGrad(a, b)) return out;
  return attachGrad(out, 'matmul', [a, b], (g) => {
    const kern = kernels();
    const gaFresh = a.requiresGrad && !hasGradBuffer(a);
    const ga = a.requiresGrad ? gradBuffer(a) : null;
    const gbFresh = b.requiresGrad && !hasGradBuffer(b);
    const gb = b.requiresGrad ? gradBuffer(b) : null;
    // accumulate: true sums the contributions of every batch a broadcast matrix took part in.
    if (strides) {
      const { count } = strides;
      const aStride = strides.a * mk;
      const bStride = strides.b * kn;
      // A fresh buffer that each batch's product covers once (not broadcast) is overwritten rather than added into.
      if (ga) kern.matmulBatched({ a: g, aOffset: 0, b: bd, bOffset: 0, out: ga, outOffset: 0, m, k: n, n: k, transA: false, transB: true, accumulate: !(gaFresh && aStride !== 0), batch: count, aStride: mn, bStride, outStride: aStride });
      if (gb) kern.matmulBatched({ a: ad, aOffset: 0, b: g, bOffset: 0, out: gb, outOffset: 0, m: k, k: m, n, transA: true, transB: false, accumulate: !(gbFresh && bStride !== 0), batch: count, aStride, bStride: mn, outStride: bStride });
      return;
    }
    forEachBatch(batch, aBatch, bBatch, (o, ai, bi) => {
      if (ga) kern.matmul({ a: g, aOffset: o * mn, b: bd, bOffset: bi * kn, out: ga, outOffset: ai * mk, m, k: n, n: k, transA: false, transB: true, accumulate: true });
      if (gb) kern.matmul({ a: ad, aOffset: ai * mk, b: g, bOffset: o * mn, out: gb, outOffset: bi * kn, m: k, k: m, n, transA: true, transB: false, accumulate: true });
    });
  });
}

/** PyTorch's F.linear: x Wᵀ + b over the last dim; weight is [out, in], bias [out]. */
export function linear(xIn: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const x = toFloat32(xIn);
  if (weight.ndim !== 2) throw new Error(`linear: weight must be [out, in], got ${formatShape(weight.shape)}`);
  const [outF, inF] = weight.shape;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inF) {
    throw new Error(`linear: input ${formatShape(x.shape)} does not end in in_features ${inF} of weight ${formatShape(weight.shape)}`);
  }
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== outF)) {
    throw new Error(`linear: bias ${formatShape(bias.shape)} does not match out_features ${outF} of weight ${formatShape(weight.shape)}`);
  }
  const rows = x.size / inF;
  const xd = x.data as Float32Array;
  const wd = weight.data as Float32Array;
  const od = new Float32Array(rows * outF);
  if (bias && rows > 0) {
    // Every row starts as the bias: one row, then copies doubling the filled part (log₂ rows calls, not rows).
    od.set(bias.data as Float32Array, 0);
    for (let filled = outF; filled < od.length; filled *= 2) od.copyWithin(filled, 0, Math.min(filled, od.length - filled));
  }
  kernels().matmul({ a: xd, aOffset: 0, b: wd, bOffset: 0, out: od, outOffset: 0, m: rows, k: inF, n: outF, transA: false, transB: true, accumulate: bias != null });
  const out = new Tensor(od, [...x.shape.slice(0, -1), outF]);
  const parents = bias ? [x, weight, bias] : [x, weight];
  if (!tracksGrad(...parents)) return out;
  return attachGrad(out, 'linear', parents, (g) => {
    const kern = kernels();
    // dx = g W, dW = gᵀ x, db = column sums of g; a fresh (zero) gradient buffer is overwritten rather than added into.
    if (x.requiresGrad) {
      const accumulate = hasGradBuffer(x);
      kern.matmul({ a: g, aOffset: 0, b: wd, bOffset: 0, out: gradBuffer(x), outOffset: 0, m: rows, k: outF, n: inF, transA: false, transB: false, accumulate });
    }
    if (weight.requiresGrad) {
      const accumulate = hasGradBuffer(weight);
      kern.matmul({ a: g, aOffset: 0, b: xd, bOffset: 0, out: gradBuffer(weight), outOffset: 0, m: outF, k: rows, n: inF, transA: true, transB: false, accumulate });
    }
    if (bias && bias.requiresGrad) kern.sumRowsInto(g, rows * outF, outF, gradBuffer(bias));
  });
}
