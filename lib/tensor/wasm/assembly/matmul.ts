// AssemblyScript (compiled by server/kernels/build-wasm-kernels.ts, not by tsc).
// float32 matmul with SIMD128, GotoBLAS/BLIS layout: per 256-deep k slice, B is
// packed into zero-padded 8-column panels and A, per block of MC rows, into
// zero-padded 4-row panels (k-major, 4 floats per k step), so transposed
// operands cost only the copy and edge tiles run the same micro-kernel. The 4×8
// micro-kernel keeps its block in eight f32x4 accumulators fed by v128.load of
// the B panel and v128.load32_splat of the A panel, at immediate offsets from two
// pointers. Without FMA it is bound by the multiply and add ports (16 ops per k
// step), so it is built twice: plain SIMD128, and with relaxed SIMD, where madd()
// is one fused multiply-add (see build-wasm-kernels.ts and load-kernels.ts).
// Larger tiles spill in V8 (a 6×8 FMA tile measured slower: V8 hoists the splats).
// All pointers are byte offsets into this module's memory, managed by the caller.

const NR: i32 = 8;
const MR: i32 = 4;
const KC: i32 = 256;
/** Rows of A packed per block (a multiple of MR, so only the matrix's last panel is partial). */
const MC: i32 = 128;

/** Floats of scratch `matmul` needs past `pack` for given k and n (the JS side reserves this). */
export function matmulScratchFloats(k: i32, n: i32): i32 {
  const kc = min(k, KC);
  return ((n + NR - 1) / NR) * NR * kc + MC * kc + NR * MR;
}

/** Packs B[p0..p0+kc, 0..n] into NR-wide panels at dst: panel c holds kc rows of 8 floats. */
function packB(b: usize, transB: bool, k: i32, n: i32, p0: i32, kc: i32, dst: usize): void {
  let d = dst;
  if (!transB) {
    // Logical B[p, j] at b + (p*n + j)*4.
    const step = <usize>n << 2;
    for (let j0: i32 = 0; j0 < n; j0 += NR) {
      const cols = min(NR, n - j0);
      let s = b + (<usize>(p0 * n + j0) << 2);
      if (cols == NR) {
        for (let p: i32 = 0; p < kc; p++) {
          v128.store(d, v128.load(s));
          v128.store(d, v128.load(s, 16), 16);
          d += 32;
          s += step;
        }
      } else {
        for (let p: i32 = 0; p < kc; p++) {
          v128.store(d, f32x4.splat(0));
          v128.store(d, f32x4.splat(0), 16);
          for (let c: i32 = 0; c < cols; c++) store<f32>(d + (<usize>c << 2), load<f32>(s + (<usize>c << 2)));
          d += 32;
          s += step;
        }
      }
    }
  } else {
    // Stored [n×k]: logical B[p, j] at b + (j*k + p)*4; each panel column is a contiguous run of k.
    const colStep = <usize>k << 2;
    for (let j0: i32 = 0; j0 < n; j0 += NR) {
      const cols = min(NR, n - j0);
      if (cols < NR) memory.fill(d, 0, <usize>(kc * NR) << 2);
      for (let c: i32 = 0; c < cols; c++) {
        let s = b + ((<usize>(j0 + c) * colStep) + (<usize>p0 << 2));
        let o = d + (<usize>c << 2);
        for (let p: i32 = 0; p < kc; p++) {
          store<f32>(o, load<f32>(s));
          s += 4;
          o += 32;
        }
      }
      d += <usize>(kc * NR) << 2;
    }
  }
}

/** Packs A[i0..i0+mc, p0..p0+kc] into MR-row panels at dst (rows past m zero): panel r holds kc steps of MR floats. */
function packA(a: usize, transA: bool, m: i32, k: i32, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  // Logical A[i, p] at a + i*rowB + p*colB.
  const rowB: usize = transA ? 4 : <usize>k << 2;
  const colB: usize = transA ? <usize>m << 2 : 4;
  const stepB = <usize>MR << 2;
  let d = dst;
  for (let r0: i32 = 0; r0 < mc; r0 += MR) {
    const rows = min(MR, mc - r0);
    let s = a + <usize>(i0 + r0) * rowB + <usize>p0 * colB;
    if (rows == MR && transA) {
      // Four consecutive rows of one k step are one 16-byte run.
      for (let p: i32 = 0; p < kc; p++) {
        v128.store(d, v128.load(s));
        d += stepB;
        s += colB;
      }
    } else if (rows == MR) {
      // Four rows read side by side, one float of each per k step.
      for (let p: i32 = 0; p < kc; p++) {
        const x0 = load<f32>(s);
        const x1 = load<f32>(s + rowB);
        const x2 = load<f32>(s + 2 * rowB);
        const x3 = load<f32>(s + 3 * rowB);
        store<f32>(d, x0);
        store<f32>(d, x1, 4);
        store<f32>(d, x2, 8);
        store<f32>(d, x3, 12);
        d += stepB;
        s += colB;
      }
    } else {
      for (let p: i32 = 0; p < kc; p++) {
        for (let r: i32 = 0; r < rows; r++) store<f32>(d + (<usize>r << 2), load<f32>(s + <usize>r * rowB));
        for (let r: i32 = rows; r < MR; r++) store<f32>(d + (<usize>r << 2), 0);
        d += stepB;
        s += colB;
      }
    }
  }
}

/**
 * c + a·b. Built twice (see build-wasm-kernels.ts): with relaxed SIMD enabled this is
 * one fused multiply-add where the machine has FMA; otherwise a multiply and an add.
 */
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
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

// Scratch for an edge tile's 4×8 floats, past the packed panels (set per call).
let edgeScratch: usize = 0;

/** Writes (or adds) the first rows×cols of the edge tile held at edgeScratch. */
function storeEdge(o: usize, nB: usize, rows: i32, cols: i32, add: bool): void {
  for (let r: i32 = 0; r < rows; r++) {
    const src = edgeScratch + (<usize>r << 5);
    const dst = o + <usize>r * nB;
    for (let c: i32 = 0; c < cols; c++) {
      const at = dst + (<usize>c << 2);
      const v = load<f32>(src + (<usize>c << 2));
      store<f32>(at, add ? load<f32>(at) + v : v);
    }
  }
}

/** 4×8 block: c[r] (+)= Σ_p a[p, r]·b[p, 0..8] over the packed panels; stores to o, or to edgeScratch when !full. */
@inline
function microKernel(pa: usize, pb: usize, paEnd: usize, o: usize, nB: usize, full: bool, add: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  do {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a0 = v128.load32_splat(pa);
    c00 = madd(a0, b0, c00);
    c01 = madd(a0, b1, c01);
    const a1 = v128.load32_splat(pa, 4);
    c10 = madd(a1, b0, c10);
    c11 = madd(a1, b1, c11);
    const a2 = v128.load32_splat(pa, 8);
    c20 = madd(a2, b0, c20);
    c21 = madd(a2, b1, c21);
    const a3 = v128.load32_splat(pa, 12);
    c30 = madd(a3, b0, c30);
    c31 = madd(a3, b1, c31);
    pb += 32;
    pa += 16;
  } while (pa < paEnd);
  if (full) {
    storeRow(o, c00, c01, add);
    storeRow(o + nB, c10, c11, add);
    storeRow(o + 2 * nB, c20, c21, add);
    storeRow(o + 3 * nB, c30, c31, add);
  } else {
    const e = edgeScratch;
    v128.store(e, c00);
    v128.store(e, c01, 16);
    v128.store(e, c10, 32);
    v128.store(e, c11, 48);
    v128.store(e, c20, 64);
    v128.store(e, c21, 80);
    v128.store(e, c30, 96);
    v128.store(e, c31, 112);
  }
}

/**
 * out[m×n] (+)= A·B, A logically [m×k] (stored [k×m] when transA), B logically [k×n]
 * (stored [n×k] when transB). `pack` is scratch for matmulScratchFloats(k, n) floats.
 */
export function matmul(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, transA: bool, transB: bool, accumulate: bool, pack: usize): void {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (!accumulate) memory.fill(out, 0, <usize>(m * n) << 2);
    return;
  }
  const panels = (n + NR - 1) / NR;
  const kMax = min(k, KC);
  const packA0 = pack + (<usize>(panels * NR * kMax) << 2);
  edgeScratch = packA0 + (<usize>(MC * kMax) << 2);
  const nB = <usize>n << 2;
  for (let p0: i32 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const add = accumulate || p0 > 0;
    packB(b, transB, k, n, p0, kc, pack);
    const bPanelBytes = <usize>(kc * NR) << 2;
    const aPanelBytes = <usize>(kc * MR) << 2;
    for (let i0: i32 = 0; i0 < m; i0 += MC) {
      const mc = min(MC, m - i0);
      packA(a, transA, m, k, i0, mc, p0, kc, packA0);
      for (let jp: i32 = 0; jp < panels; jp++) {
        const j0 = jp * NR;
        const cols = min(NR, n - j0);
        const bPanel = pack + <usize>jp * bPanelBytes;
        let aPanel = packA0;
        for (let r0: i32 = 0; r0 < mc; r0 += MR) {
          const rows = min(MR, mc - r0);
          const o = out + ((<usize>(i0 + r0) * nB) + (<usize>j0 << 2));
          const full = rows == MR && cols == NR;
          const paEnd = aPanel + aPanelBytes;
          microKernel(aPanel, bPanel, paEnd, o, nB, full, add);
          if (!full) storeEdge(o, nB, rows, cols, add);
          aPanel = paEnd;
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
