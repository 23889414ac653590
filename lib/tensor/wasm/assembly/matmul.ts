// AssemblyScript (compiled by server/kernels/build-wasm-kernels.ts, not by tsc).
// float32 matmul with SIMD128: B is packed into zero-padded 8-column panels per
// 256-deep k slice; a 4×8 block of f32x4 accumulators is fed by v128.load of a
// B panel and v128.load32_splat of A (read in place, strided, so transA costs
// nothing). Larger tiles and k unrolling measured slower (V8 spills registers).
// All pointers are byte offsets into this module's memory, managed by the caller.

const NR: i32 = 8;
const MR: i32 = 4;
const KC: i32 = 256;
const MC: i32 = 64;

/** Packs B[p0..p0+kc, 0..n] into NR-wide panels at dst: panel c holds kc rows of 8 floats. */
function packB(b: usize, transB: bool, k: i32, n: i32, p0: i32, kc: i32, dst: usize): void {
  // Logical B[p, j] lives at b + (p*rowStride + j*colStride)*4.
  const rowStride: i32 = transB ? 1 : n;
  const colStride: i32 = transB ? k : 1;
  let d = dst;
  for (let j0: i32 = 0; j0 < n; j0 += NR) {
    const cols = min(NR, n - j0);
    if (cols == NR && !transB) {
      let s = b + (<usize>(p0 * rowStride + j0) << 2);
      const step = <usize>rowStride << 2;
      for (let p: i32 = 0; p < kc; p++) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
        d += 32;
        s += step;
      }
    } else {
      for (let p: i32 = 0; p < kc; p++) {
        const row = b + (<usize>((p0 + p) * rowStride + j0 * colStride) << 2);
        for (let c: i32 = 0; c < NR; c++) {
          store<f32>(d + (<usize>c << 2), c < cols ? load<f32>(row + (<usize>(c * colStride) << 2)) : 0);
        }
        d += 32;
      }
    }
  }
}

/** Writes (or adds) an accumulator pair into a full 8-column output row. */
@inline
function storeRow(o: usize, lo: v128, hi: v128, add: bool): void {
  if (add) {
    lo = f32x4.add(lo, v128.load(o));
    hi = f32x4.add(hi, v128.load(o, 16));
  }
  v128.store(o, lo);
  v128.store(o, hi, 16);
}

// Scratch for an edge tile's 8 floats, just past the packed panels (set per call).
let edgeScratch: usize = 0;

@inline
function storeEdge(o: usize, lo: v128, hi: v128, cols: i32, add: bool): void {
  v128.store(edgeScratch, lo);
  v128.store(edgeScratch, hi, 16);
  for (let c: i32 = 0; c < cols; c++) {
    const at = o + (<usize>c << 2);
    const v = load<f32>(edgeScratch + (<usize>c << 2));
    store<f32>(at, add ? load<f32>(at) + v : v);
  }
}

@inline
function put(o: usize, lo: v128, hi: v128, cols: i32, add: bool): void {
  if (cols == NR) storeRow(o, lo, hi, add);
  else storeEdge(o, lo, hi, cols, add);
}

/**
 * out[m×n] (+)= A·B, A logically [m×k] (stored [k×m] when transA), B logically [k×n]
 * (stored [n×k] when transB). `pack` is scratch for ceil(n/8)*8*min(k,256) floats + 8.
 */
export function matmul(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, transA: bool, transB: bool, accumulate: bool, pack: usize): void {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (!accumulate) memory.fill(out, 0, <usize>(m * n) << 2);
    return;
  }
  const panels = (n + NR - 1) / NR;
  edgeScratch = pack + (<usize>(panels * NR * min(k, KC)) << 2);
  // Logical A[i, p] lives at a + (i*aRow + p*aCol)*4.
  const aRow: usize = transA ? 1 : <usize>k;
  const aCol: usize = transA ? <usize>m : 1;
  const aRowB = aRow << 2;
  const aColB = aCol << 2;
  const nB = <usize>n << 2;
  for (let p0: i32 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const add = accumulate || p0 > 0;
    packB(b, transB, k, n, p0, kc, pack);
    const panelBytes = <usize>(kc * NR) << 2;
    for (let i0: i32 = 0; i0 < m; i0 += MC) {
      const mc = min(MC, m - i0);
      for (let jp: i32 = 0; jp < panels; jp++) {
        const j0 = jp * NR;
        const cols = min(NR, n - j0);
        const panel = pack + <usize>jp * panelBytes;
        let i: i32 = i0;
        const iEnd = i0 + mc;
        for (; i + MR <= iEnd; i += MR) {
          let pa = a + (<usize>i * aRowB) + (<usize>p0 * aColB);
          let pb = panel;
          let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
          let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
          let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
          let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
          for (let p: i32 = 0; p < kc; p++) {
            const b0 = v128.load(pb);
            const b1 = v128.load(pb, 16);
            const a0 = v128.load32_splat(pa);
            const a1 = v128.load32_splat(pa + aRowB);
            const a2 = v128.load32_splat(pa + 2 * aRowB);
            const a3 = v128.load32_splat(pa + 3 * aRowB);
            c00 = f32x4.add(c00, f32x4.mul(a0, b0));
            c01 = f32x4.add(c01, f32x4.mul(a0, b1));
            c10 = f32x4.add(c10, f32x4.mul(a1, b0));
            c11 = f32x4.add(c11, f32x4.mul(a1, b1));
            c20 = f32x4.add(c20, f32x4.mul(a2, b0));
            c21 = f32x4.add(c21, f32x4.mul(a2, b1));
            c30 = f32x4.add(c30, f32x4.mul(a3, b0));
            c31 = f32x4.add(c31, f32x4.mul(a3, b1));
            pb += 32;
            pa += aColB;
          }
          const o = out + ((<usize>i * nB) + (<usize>j0 << 2));
          put(o, c00, c01, cols, add);
          put(o + nB, c10, c11, cols, add);
          put(o + 2 * nB, c20, c21, cols, add);
          put(o + 3 * nB, c30, c31, cols, add);
        }
        for (; i < iEnd; i++) {
          let pa = a + (<usize>i * aRowB) + (<usize>p0 * aColB);
          let pb = panel;
          let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
          for (let p: i32 = 0; p < kc; p++) {
            const a0 = v128.load32_splat(pa);
            c0 = f32x4.add(c0, f32x4.mul(a0, v128.load(pb)));
            c1 = f32x4.add(c1, f32x4.mul(a0, v128.load(pb, 16)));
            pb += 32;
            pa += aColB;
          }
          put(out + ((<usize>i * nB) + (<usize>j0 << 2)), c0, c1, cols, add);
        }
      }
    }
  }
}

/**
 * `batch` products of the same shape: product i reads a + i·aStride, b + i·bStride
 * and writes (or adds into) out + i·outStride (strides in floats; 0 broadcasts,
 * and an output stride of 0 with accumulate sums every product into one matrix).
 * One call from JS for the whole batch; `pack` is reused by every product.
 */
export function matmulBatched(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, transA: bool, transB: bool, accumulate: bool, pack: usize, batch: i32, aStride: i32, bStride: i32, outStride: i32): void {
  for (let i: i32 = 0; i < batch; i++) {
    matmul(a + (<usize>(i * aStride) << 2), b + (<usize>(i * bStride) << 2), out + (<usize>(i * outStride) << 2), m, k, n, transA, transB, accumulate, pack);
  }
}
