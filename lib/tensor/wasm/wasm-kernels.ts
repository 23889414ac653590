/**
 * The WebAssembly SIMD kernels (AssemblyScript sources in ./assembly) behind the
 * Kernels interface. Pure: it takes a compiled WebAssembly.Module; reading the
 * .wasm file is the Node side's job (server/kernels/load-kernels.ts), so lib/
 * stays free of I/O. Operands are copied into the module's memory in bulk and
 * results copied out in bulk: nothing crosses the boundary per element.
 */
import type { AdamStepArgs, BinaryOp, Kernels, LayerNormBackwardArgs, LayerNormForwardArgs, MatmulArgs, MatmulBatchedArgs, UnaryOp } from '../kernels/index.ts';
import { plainUnaryBackward } from '../kernels/elementwise.ts';
import { WasmArena } from './arena.ts';

/** What the compiled module exports (see assembly/index.ts). */
interface WasmKernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  relaxedSimd(): number;
  matmul(a: number, b: number, out: number, m: number, k: number, n: number, transA: number, transB: number, accumulate: number, pack: number): void;
  matmulBatched(a: number, b: number, out: number, m: number, k: number, n: number, transA: number, transB: number, accumulate: number, pack: number, batch: number, aStride: number, bStride: number, outStride: number): void;
  matmulScratchFloats(k: number, n: number): number;
  binary(op: number, a: number, aLen: number, b: number, bLen: number, out: number, n: number): void;
  sumRowsInto(g: number, n: number, len: number, dst: number): void;
  unary(op: number, x: number, y: number, n: number): void;
  unaryBackward(op: number, g: number, x: number, y: number, gx: number, n: number): void;
  softmaxRows(x: number, y: number, rows: number, len: number, logarithm: number): void;
  softmaxRowsBackward(g: number, y: number, gx: number, rows: number, len: number, logarithm: number): void;
  layerNormForward(x: number, w: number, b: number, y: number, mean: number, rstd: number, rows: number, d: number, eps: number, hasW: number, hasB: number): void;
  layerNormBackward(x: number, w: number, g: number, mean: number, rstd: number, gx: number, gw: number, gb: number, rows: number, d: number, hasW: number, wantGx: number, wantGw: number, wantGb: number): void;
  adamStep(p: number, g: number, m: number, v: number, n: number, useDecay: number, decay: number, l2: number, lerpWeight: number, beta2: number, oneMinusBeta2: number, negStepSize: number, bc2Sqrt: number, eps: number): void;
}

/** Kernels that also report their module's memory (for the memory-flat test and the bench). */
export interface WasmKernels extends Kernels {
  /** Bytes of WebAssembly memory the kernels hold. */
  memoryBytes(): number;
  /** Which build runs: plain SIMD128, or relaxed SIMD (matmul fuses multiply-adds where the CPU has FMA). */
  readonly simd: 'simd128' | 'relaxed-simd';
}

/** Op codes of assembly/elementwise.ts. */
const BINARY_CODE: Record<BinaryOp, number> = { add: 0, sub: 1, mul: 2, div: 3 };
const UNARY_CODE: Record<UnaryOp, number> = { relu: 0, neg: 1, exp: 2, tanh: 3, sigmoid: 4, silu: 5, gelu: 6, gelu_tanh: 7 };

/**
 * Backward passes that stay on the TypeScript loop: gx += g·y·(1 − y) and the
 * like are two multiplies per element, cheaper than copying g, y and gx in and
 * gx out (WASM measured 0.75–0.91× TS on [512, 512] and [512, 2048]).
 */
const TS_BACKWARD: ReadonlySet<UnaryOp> = new Set<UnaryOp>(['exp', 'sigmoid', 'tanh']);

/** Floats an operand of `batch` matrices of `size` floats `stride` apart spans (one matrix when broadcast). */
function batchSpan(batch: number, stride: number, size: number): number {
  return stride * (batch - 1) + size;
}

/** Instantiates the kernels module (synchronously: it is small) and wraps it as Kernels. */
export function createWasmKernels(module: WebAssembly.Module): WasmKernels {
  const instance = new WebAssembly.Instance(module, {});
  const wasm = instance.exports as unknown as WasmKernelExports;
  const arena = new WasmArena(wasm.memory, wasm.heapBase());

  function matmul({ a, aOffset, b, bOffset, out, outOffset, m, k, n, transA, transB, accumulate }: MatmulArgs): void {
    if (m === 0 || n === 0) return;
    if (k === 0) {
      if (!accumulate) out.fill(0, outOffset, outOffset + m * n);
      return;
    }
    arena.reset();
    const pa = arena.copyIn(a, aOffset, m * k);
    const pb = arena.copyIn(b, bOffset, k * n);
    const po = accumulate ? arena.copyIn(out, outOffset, m * n) : arena.take(m * n);
    const pack = takePack(k, n);
    wasm.matmul(pa, pb, po, m, k, n, transA ? 1 : 0, transB ? 1 : 0, accumulate ? 1 : 0, pack);
    arena.copyOut(po, out, outOffset, m * n);
  }

  /** Scratch for the packed A and B panels of one k slice, plus one edge tile (sized by the module). */
  const takePack = (k: number, n: number): number => arena.take(wasm.matmulScratchFloats(k, n));

  function matmulBatched(args: MatmulBatchedArgs): void {
    const { a, aOffset, b, bOffset, out, outOffset, m, k, n, transA, transB, accumulate, batch, aStride, bStride, outStride } = args;
    if (batch <= 0 || m === 0 || n === 0) return;
    if (k === 0) {
      if (!accumulate) for (let i = 0; i < batch; i++) out.fill(0, outOffset + i * outStride, outOffset + i * outStride + m * n);
      return;
    }
    arena.reset();
    // Each operand's whole batch goes in with one bulk copy, the output comes out with one.
    const aSpan = batchSpan(batch, aStride, m * k);
    const bSpan = batchSpan(batch, bStride, k * n);
    const outSpan = batchSpan(batch, outStride, m * n);
    const pa = arena.copyIn(a, aOffset, aSpan);
    const pb = arena.copyIn(b, bOffset, bSpan);
    // Without accumulate the output is wholly written only when its matrices tile it exactly; copy it in otherwise.
    const po = accumulate || outStride !== m * n ? arena.copyIn(out, outOffset, outSpan) : arena.take(outSpan);
    const pack = takePack(k, n);
    wasm.matmulBatched(pa, pb, po, m, k, n, transA ? 1 : 0, transB ? 1 : 0, accumulate ? 1 : 0, pack, batch, aStride, bStride, outStride);
    arena.copyOut(po, out, outOffset, outSpan);
  }

  function binary(op: BinaryOp, a: Float32Array, aLen: number, b: Float32Array, bLen: number, out: Float32Array, n: number): void {
    if (n === 0) return;
    arena.reset();
    const pa = arena.copyIn(a, 0, aLen);
    const pb = arena.copyIn(b, 0, bLen);
    const po = arena.take(n);
    wasm.binary(BINARY_CODE[op], pa, aLen, pb, bLen, po, n);
    arena.copyOut(po, out, 0, n);
  }

  function sumRowsInto(g: Float32Array, n: number, len: number, dst: Float32Array): void {
    if (n === 0) return;
    arena.reset();
    const pg = arena.copyIn(g, 0, n);
    const pd = arena.copyIn(dst, 0, len);
    wasm.sumRowsInto(pg, n, len, pd);
    arena.copyOut(pd, dst, 0, len);
  }

  function unary(op: UnaryOp, x: Float32Array, y: Float32Array, n: number): void {
    if (n === 0) return;
    arena.reset();
    const px = arena.copyIn(x, 0, n);
    const py = arena.take(n);
    wasm.unary(UNARY_CODE[op], px, py, n);
    arena.copyOut(py, y, 0, n);
  }

  function unaryBackward(op: UnaryOp, g: Float32Array, x: Float32Array, y: Float32Array, gx: Float32Array, n: number): void {
    if (n === 0) return;
    if (TS_BACKWARD.has(op)) {
      plainUnaryBackward(op, g, x, y, gx, n);
      return;
    }
    arena.reset();
    const pg = arena.copyIn(g, 0, n);
    // neg reads neither x nor y, relu only x: copy in what the op reads.
    const px = op === 'neg' ? 0 : arena.copyIn(x, 0, n);
    const py = op === 'neg' || op === 'relu' ? 0 : arena.copyIn(y, 0, n);
    const pgx = arena.copyIn(gx, 0, n);
    wasm.unaryBackward(UNARY_CODE[op], pg, px, py, pgx, n);
    arena.copyOut(pgx, gx, 0, n);
  }

  function softmaxRowsBackward(g: Float32Array, y: Float32Array, gx: Float32Array, rows: number, len: number, logarithm: boolean): void {
    const count = rows * len;
    if (count === 0) return;
    arena.reset();
    const pg = arena.copyIn(g, 0, count);
    const py = arena.copyIn(y, 0, count);
    const pgx = arena.copyIn(gx, 0, count);
    wasm.softmaxRowsBackward(pg, py, pgx, rows, len, logarithm ? 1 : 0);
    arena.copyOut(pgx, gx, 0, count);
  }

  function adamStep(args: AdamStepArgs): void {
    const n = args.param.length;
    arena.reset();
    const p = arena.copyIn(args.param, 0, n);
    const g = arena.copyIn(args.grad, 0, n);
    const m = arena.copyIn(args.expAvg, 0, n);
    const v = arena.copyIn(args.expAvgSq, 0, n);
    const { decay, l2, lerpWeight, beta2, oneMinusBeta2, negStepSize, biasCorrection2Sqrt, eps } = args;
    wasm.adamStep(p, g, m, v, n, decay === null ? 0 : 1, decay ?? 1, l2, lerpWeight, beta2, oneMinusBeta2, negStepSize, biasCorrection2Sqrt, eps);
    arena.copyOut(p, args.param, 0, n);
    arena.copyOut(m, args.expAvg, 0, n);
    arena.copyOut(v, args.expAvgSq, 0, n);
  }

  function softmaxRows(x: Float32Array, y: Float32Array, rows: number, len: number, logarithm: boolean): void {
    const count = rows * len;
    if (count === 0) return;
    arena.reset();
    const px = arena.copyIn(x, 0, count);
    const py = arena.take(count);
    wasm.softmaxRows(px, py, rows, len, logarithm ? 1 : 0);
    arena.copyOut(py, y, 0, count);
  }

  /** Copies an optional array in (address 0 when absent). */
  const optionalIn = (a: Float32Array | null, count: number): number => (a ? arena.copyIn(a, 0, count) : 0);

  function layerNormForward({ x, weight, bias, y, mean, rstd, rows, d, eps }: LayerNormForwardArgs): void {
    if (rows === 0 || d === 0) return;
    arena.reset();
    const px = arena.copyIn(x, 0, rows * d);
    const pw = optionalIn(weight, d);
    const pb = optionalIn(bias, d);
    const py = arena.take(rows * d);
    const pMean = arena.take(rows);
    const pRstd = arena.take(rows);
    wasm.layerNormForward(px, pw, pb, py, pMean, pRstd, rows, d, eps, weight ? 1 : 0, bias ? 1 : 0);
    arena.copyOut(py, y, 0, rows * d);
    arena.copyOut(pMean, mean, 0, rows);
    arena.copyOut(pRstd, rstd, 0, rows);
  }

  function layerNormBackward({ x, weight, g, mean, rstd, gx, gw, gb, rows, d }: LayerNormBackwardArgs): void {
    if (rows === 0 || d === 0) return;
    arena.reset();
    const n = rows * d;
    const px = arena.copyIn(x, 0, n);
    const pw = optionalIn(weight, d);
    const pg = arena.copyIn(g, 0, n);
    const pMean = arena.copyIn(mean, 0, rows);
    const pRstd = arena.copyIn(rstd, 0, rows);
    const pgx = optionalIn(gx, n);
    const pgw = optionalIn(gw, d);
    const pgb = optionalIn(gb, d);
    wasm.layerNormBackward(px, pw, pg, pMean, pRstd, pgx, pgw, pgb, rows, d, weight ? 1 : 0, gx ? 1 : 0, gw ? 1 : 0, gb ? 1 : 0);
    if (gx) arena.copyOut(pgx, gx, 0, n);
    if (gw) arena.copyOut(pgw, gw, 0, d);
    if (gb) arena.copyOut(pgb, gb, 0, d);
  }

  return {
    name: 'wasm-simd',
    matmul,
    matmulBatched,
    binary,
    sumRowsInto,
    unary,
    unaryBackward,
    adamStep,
    softmaxRows,
    softmaxRowsBackward,
    layerNormForward,
    layerNormBackward,
    memoryBytes: () => arena.memoryBytes,
    simd: wasm.relaxedSimd() ? 'relaxed-simd' : 'simd128',
  };
}
