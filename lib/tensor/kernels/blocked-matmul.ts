import type { MatmulArgs } from './index.ts';

/*
 * Cache-blocked, register-tiled matmul in plain TypeScript (GotoBLAS/BLIS layout):
 *
 *   for each NC-wide block of columns:
 *     for each KC-deep slice of k:         pack B[kc × nc] into NR-wide column panels
 *       for each MC-tall block of rows:    pack A[mc × kc] into MR-tall row panels
 *         for each MR×NR tile:             micro-kernel, 16 accumulators in locals
 *
 * Packing makes every micro-kernel load sequential whatever transA/transB are, and
 * zero-pads the last panel so the micro-kernel never branches on edges; only the
 * store of an edge tile checks bounds. JS arithmetic is float64, so the tile is
 * accumulated in double precision and rounded to float32 once per KC slice; the
 * panels are packed as float64 too, which measured ~10% faster than float32 panels
 * (no float32→float64 conversion in the inner loop).
 *
 * Products with fewer than MR rows or NR columns skip packing (skinnyMatmul).
 * 4×4 measured as fast as 4×8, 8×4 and 6×4 tiles here (~5 GFLOP/s, about the scalar
 * float64 multiply+add throughput of one core), with less padding waste on small
 * matrices; the block sizes below made no measurable difference within 2× either way.
 *
 * `out` must not overlap `a` or `b` (the reference kernel does not allow it either).
 */

/** Rows per micro-tile. */
const MR = 4;
/** Columns per micro-tile. */
const NR = 4;
/** Depth of one k slice: an A micro-panel (MR×KC) plus a B micro-panel (KC×NR) = 16 KiB, in L1. */
const KC = 256;
/** Rows of A packed at once: MC×KC doubles = 128 KiB, sized for L2. */
const MC = 64;
/** Columns of B packed at once: KC×NC doubles = 2 MiB at most. */
const NC = 1024;

// Scratch reused across calls; grown, never shrunk, so steady-state training allocates nothing.
let packedA = new Float64Array(0);
let packedB = new Float64Array(0);

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

/**
 * Packs rows [i0, i0+mc) × depth [p0, p0+kc) of logical A into MR-row panels:
 * panel r holds, for each p, the MR values A[i0+r*MR .. +MR, p] (zero past the last row).
 */
function packA(
  a: Float32Array,
  aOffset: number,
  transA: boolean,
  m: number,
  k: number,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  dst: Float64Array,
): void {
  // Logical A[i, p] lives at aOffset + i*rowStride + p*colStride.
  const rowStride = transA ? 1 : k;
  const colStride = transA ? m : 1;
  let d = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = Math.min(MR, mc - ir);
    const base = aOffset + (i0 + ir) * rowStride + p0 * colStride;
    if (rows === MR) {
      let s0 = base;
      let s1 = base + rowStride;
      let s2 = base + 2 * rowStride;
      let s3 = base + 3 * rowStride;
      for (let p = 0; p < kc; p++) {
        dst[d] = a[s0];
        dst[d + 1] = a[s1];
        dst[d + 2] = a[s2];
        dst[d + 3] = a[s3];
        d += MR;
        s0 += colStride;
        s1 += colStride;
        s2 += colStride;
        s3 += colStride;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const s = base + p * colStride;
        for (let r = 0; r < MR; r++) dst[d + r] = r < rows ? a[s + r * rowStride] : 0;
        d += MR;
      }
    }
  }
}

/**
 * Packs depth [p0, p0+kc) × columns [j0, j0+nc) of logical B into NR-column panels:
 * panel c holds, for each p, the NR values B[p, j0+c*NR .. +NR] (zero past the last column).
 */
function packB(
  b: Float32Array,
  bOffset: number,
  transB: boolean,
  k: number,
  n: number,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
  dst: Float64Array,
): void {
  // Logical B[p, j] lives at bOffset + p*rowStride + j*colStride.
  const rowStride = transB ? 1 : n;
  const colStride = transB ? k : 1;
  let d = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    const base = bOffset + p0 * rowStride + (j0 + jr) * colStride;
    if (cols === NR) {
      let s0 = base;
      let s1 = base + colStride;
      let s2 = base + 2 * colStride;
      let s3 = base + 3 * colStride;
      for (let p = 0; p < kc; p++) {
        dst[d] = b[s0];
        dst[d + 1] = b[s1];
        dst[d + 2] = b[s2];
        dst[d + 3] = b[s3];
        d += NR;
        s0 += rowStride;
        s1 += rowStride;
        s2 += rowStride;
        s3 += rowStride;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const s = base + p * rowStride;
        for (let c = 0; c < NR; c++) dst[d + c] = c < cols ? b[s + c * colStride] : 0;
        d += NR;
      }
    }
  }
}

// Edge tiles are computed in full (padding is zero) and stored through this buffer.
const edgeTile = new Float64Array(MR * NR);

/**
 * out[i0.., j0..] (+)= packedA panels × packedB panels for an mc×nc block of depth kc.
 * `add` says whether to add to what `out` already holds.
 */
function macroKernel(
  pa: Float64Array,
  pb: Float64Array,
  out: Float32Array,
  outOffset: number,
  n: number,
  i0: number,
  mc: number,
  j0: number,
  nc: number,
  kc: number,
  add: boolean,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    const bPanel = (jr / NR) * kc * NR;
    for (let ir = 0; ir < mc; ir += MR) {
      const rows = Math.min(MR, mc - ir);
      let ia = (ir / MR) * kc * MR;
      let ib = bPanel;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < kc; p++) {
        const a0 = pa[ia], a1 = pa[ia + 1], a2 = pa[ia + 2], a3 = pa[ia + 3];
        const b0 = pb[ib], b1 = pb[ib + 1], b2 = pb[ib + 2], b3 = pb[ib + 3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        ia += MR;
        ib += NR;
      }
      const o = outOffset + (i0 + ir) * n + j0 + jr;
      if (rows === MR && cols === NR) {
        const o1 = o + n, o2 = o1 + n, o3 = o2 + n;
        if (add) {
          out[o] += c00; out[o + 1] += c01; out[o + 2] += c02; out[o + 3] += c03;
          out[o1] += c10; out[o1 + 1] += c11; out[o1 + 2] += c12; out[o1 + 3] += c13;
          out[o2] += c20; out[o2 + 1] += c21; out[o2 + 2] += c22; out[o2 + 3] += c23;
          out[o3] += c30; out[o3 + 1] += c31; out[o3 + 2] += c32; out[o3 + 3] += c33;
        } else {
          out[o] = c00; out[o + 1] = c01; out[o + 2] = c02; out[o + 3] = c03;
          out[o1] = c10; out[o1 + 1] = c11; out[o1 + 2] = c12; out[o1 + 3] = c13;
          out[o2] = c20; out[o2 + 1] = c21; out[o2 + 2] = c22; out[o2 + 3] = c23;
          out[o3] = c30; out[o3 + 1] = c31; out[o3 + 2] = c32; out[o3 + 3] = c33;
        }
      } else {
        const t = edgeTile;
        t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
        t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
        t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
        t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
        for (let r = 0; r < rows; r++) {
          const or = o + r * n;
          for (let c = 0; c < cols; c++) {
            out[or + c] = add ? out[or + c] + t[r * NR + c] : t[r * NR + c];
          }
        }
      }
    }
  }
}

/**
 * Dot-product loop for products with fewer than MR rows or NR columns (e.g. a
 * single token's activations times a weight): a padded tile would waste most of
 * its work and packing would copy B once per use.
 */
function skinnyMatmul(args: MatmulArgs): void {
  const { a, aOffset, b, bOffset, out, outOffset, m, k, n, transA, transB, accumulate } = args;
  const aRow = transA ? 1 : k;
  const aStep = transA ? m : 1;
  const bCol = transB ? k : 1;
  const bStep = transB ? 1 : n;
  for (let i = 0; i < m; i++) {
    const ai = aOffset + i * aRow;
    for (let j = 0; j < n; j++) {
      let ia = ai;
      let ib = bOffset + j * bCol;
      let s = 0;
      for (let p = 0; p < k; p++) {
        s += a[ia] * b[ib];
        ia += aStep;
        ib += bStep;
      }
      const o = outOffset + i * n + j;
      out[o] = accumulate ? out[o] + s : s;
    }
  }
}

/** Fast matmul honouring every MatmulArgs field: packed panels, cache blocking, 4×4 register tiles. */
export function blockedMatmul(args: MatmulArgs): void {
  const { a, aOffset, b, bOffset, out, outOffset, m, k, n, transA, transB, accumulate } = args;
  if (m === 0 || n === 0) return;
  if (k === 0) {
    // An empty sum is zero: out = 0, or unchanged when accumulating.
    if (!accumulate) out.fill(0, outOffset, outOffset + m * n);
    return;
  }
  if (m < MR || n < NR) {
    skinnyMatmul(args);
    return;
  }
  const kcMax = Math.min(KC, k);
  const needA = roundUp(Math.min(MC, m), MR) * kcMax;
  const needB = roundUp(Math.min(NC, n), NR) * kcMax;
  if (packedA.length < needA) packedA = new Float64Array(needA);
  if (packedB.length < needB) packedB = new Float64Array(needB);
  const pa = packedA;
  const pb = packedB;

  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      // The first k slice overwrites unless the caller asked to accumulate.
      const add = accumulate || pc > 0;
      packB(b, bOffset, transB, k, n, pc, kc, jc, nc, pb);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(a, aOffset, transA, m, k, ic, mc, pc, kc, pa);
        macroKernel(pa, pb, out, outOffset, n, ic, mc, jc, nc, kc, add);
      }
    }
  }
}
