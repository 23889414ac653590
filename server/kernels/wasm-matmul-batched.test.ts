import { beforeAll, describe, expect, it } from 'vitest';
import { blockedMatmul } from '../../lib/tensor/kernels/blocked-matmul.ts';
import { kernels, setKernels, type Kernels, type MatmulBatchedArgs } from '../../lib/tensor/kernels/index.ts';
import { loopMatmulBatched } from '../../lib/tensor/kernels/matmul-batched.ts';
import { plainKernels } from '../../lib/tensor/kernels/plain.ts';
import { referenceMatmul } from '../../lib/tensor/kernels/reference.ts';
import { matmul, randn, Rng, sum, type Tensor } from '../../lib/tensor/index.ts';
import { expectEach, randomFloats } from './float32-compare.ts';
import { wasmBuilds } from './wasm-builds.ts';

const builds = wasmBuilds();
/** The build under test (set by each describe block). */
let wasm = builds[0][1];
const tsBatched = loopMatmulBatched(blockedMatmul);
const referenceBatched = loopMatmulBatched(referenceMatmul);
const SENTINEL = 12345.5;

type Case = Omit<MatmulBatchedArgs, 'a' | 'b' | 'out'>;

/** Random operands laid out per the case's strides, with sentinel-filled margins around the output. */
function makeArgs(c: Case, rng: Rng): MatmulBatchedArgs {
  const span = (stride: number, size: number) => stride * (c.batch - 1) + size;
  const a = randomFloats(rng, c.aOffset + span(c.aStride, c.m * c.k) + 3);
  const b = randomFloats(rng, c.bOffset + span(c.bStride, c.k * c.n) + 5);
  const outSpan = span(c.outStride, c.m * c.n);
  const out = randomFloats(rng, c.outOffset + outSpan + 7);
  out.fill(SENTINEL, 0, c.outOffset);
  out.fill(SENTINEL, c.outOffset + outSpan);
  return { ...c, a, b, out };
}

/** WASM against the per-batch loop over the TS kernel and over the naive reference: within float32 rounding of k terms. */
function compare(c: Case, rng: Rng): void {
  const args = makeArgs(c, rng);
  const ts = { ...args, out: Float32Array.from(args.out) };
  const ref = { ...args, out: Float32Array.from(args.out) };
  const aBefore = Float32Array.from(args.a);
  const bBefore = Float32Array.from(args.b);
  wasm.matmulBatched(args);
  tsBatched(ts);
  referenceBatched(ref);
  // Each output sums k products (k·batch when a broadcast output accumulates every batch).
  const terms = c.k * (c.outStride === 0 ? c.batch : 1) + (c.accumulate ? 1 : 0);
  const tol = 1e-6 * (terms + 2);
  const label = JSON.stringify(c);
  expectEach(args.out, ref.out, (w, r) => Math.abs(w - r) <= tol * (1 + Math.abs(r)), `${label} vs reference`);
  expectEach(args.out, ts.out, (w, t) => Math.abs(w - t) <= tol * (1 + Math.abs(t)), `${label} vs ts`);
  expect(args.a).toEqual(aBefore);
  expect(args.b).toEqual(bBefore);
}

describe.each(builds)('WebAssembly SIMD batched matmul (%s)', (_name, build) => {
  beforeAll(() => {
    wasm = build;
  });

  it('matches the per-batch loop on odd shapes, every transpose pair, broadcast (stride 0) operands, gaps and offsets', () => {
    const rng = new Rng(31);
    const sizes = [1, 3, 7, 8, 17, 33];
    const pick = () => sizes[Math.floor(rng.next() * sizes.length)];
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (let t = 0; t < 24; t++) {
          const m = pick();
          const k = pick();
          const n = pick();
          const batch = [1, 2, 3, 7][t % 4];
          const gap = t % 3 === 2 ? 2 : 0;
          const aStride = t % 5 === 1 ? 0 : m * k + gap;
          const bStride = t % 5 === 2 ? 0 : k * n + gap;
          compare({ m, k, n, transA, transB, accumulate: t % 2 === 1, batch, aStride, bStride, outStride: m * n + gap, aOffset: gap, bOffset: 1, outOffset: gap * 2 }, rng);
        }
      }
    }
  });

  it('sums every batch into a broadcast output (stride 0, accumulate), as the gradient of a broadcast operand', () => {
    const rng = new Rng(32);
    for (const [m, k, n, batch] of [[3, 5, 7, 4], [17, 33, 8, 6], [32, 32, 32, 64], [1, 1, 1, 3]] as const) {
      compare({ m, k, n, transA: true, transB: false, accumulate: true, batch, aStride: m * k, bStride: k * n, outStride: 0, aOffset: 0, bOffset: 0, outOffset: 2 }, rng);
      compare({ m, k, n, transA: false, transB: true, accumulate: true, batch, aStride: m * k, bStride: k * n, outStride: 0, aOffset: 1, bOffset: 0, outOffset: 0 }, rng);
    }
  });

  it('handles k = 0, batch = 0 and k > 256 (several k slices per product)', () => {
    const rng = new Rng(33);
    const out = new Float32Array(2 * 6).fill(7);
    const empty = { a: new Float32Array(0), b: new Float32Array(0), aOffset: 0, bOffset: 0, outOffset: 0, m: 2, k: 0, n: 3, transA: false, transB: false, aStride: 0, bStride: 0, outStride: 6 };
    wasm.matmulBatched({ ...empty, out, batch: 2, accumulate: true });
    expect(Array.from(out)).toEqual(new Array(12).fill(7));
    wasm.matmulBatched({ ...empty, out, batch: 0, accumulate: false });
    expect(Array.from(out)).toEqual(new Array(12).fill(7));
    wasm.matmulBatched({ ...empty, out, batch: 2, accumulate: false });
    expect(Array.from(out)).toEqual(new Array(12).fill(0));
    compare({ m: 9, k: 300, n: 13, transA: false, transB: true, accumulate: false, batch: 3, aStride: 9 * 300, bStride: 300 * 13, outStride: 9 * 13, aOffset: 0, bOffset: 0, outOffset: 0 }, rng);
  });

  it('routes the matmul op through one matmulBatched call per product for same-shape and broadcast batches, with the same values and gradients as TS', () => {
    // [a shape, b shape, whether the batch walk has constant strides (one batched call per product)].
    const shapes: [number[], number[], boolean][] = [
      [[2, 4, 5, 3], [2, 4, 3, 6], true], // attention-like [B, H, T, d] × [B, H, d, S]
      [[3, 5, 7], [1, 7, 2], true], // b broadcast over the batch: its gradient sums every batch
      [[1, 5, 7], [4, 7, 2], true], // a broadcast
      [[2, 1, 3, 4], [1, 3, 4, 5], false], // an outer-product batch walk: one matmul per matrix
    ];
    for (const [aShape, bShape, strided] of shapes) {
      const run = (backend: Kernels) => {
        const rng = new Rng(34);
        const a = randn(aShape, rng, { requiresGrad: true });
        const b = randn(bShape, rng, { requiresGrad: true });
        const counted = countCalls(backend);
        const out = withKernels(counted.kernels, () => {
          const y = matmul(a, b);
          sum(y).backward();
          return y;
        });
        return { out, ga: (a.grad as Tensor).toArray(), gb: (b.grad as Tensor).toArray(), calls: counted.calls };
      };
      const w = run(wasm);
      const t = run(plainKernels);
      const label = `${aShape} × ${bShape}`;
      expect(w.out.shape).toEqual(t.out.shape);
      expectEach(w.out.toArray(), t.out.toArray(), (x, y) => Math.abs(x - y) <= 1e-5 * (1 + Math.abs(y)), `${label} out`);
      expectEach(w.ga, t.ga, (x, y) => Math.abs(x - y) <= 1e-5 * (1 + Math.abs(y)), `${label} grad a`);
      expectEach(w.gb, t.gb, (x, y) => Math.abs(x - y) <= 1e-5 * (1 + Math.abs(y)), `${label} grad b`);
      // Forward plus the two backward products: three batched calls, no per-matrix calls.
      if (strided) expect(w.calls).toEqual({ matmul: 0, matmulBatched: 3 });
      else expect(w.calls).toEqual({ matmul: 3 * 6, matmulBatched: 0 });
    }
  });
});

function withKernels<T>(backend: Kernels, body: () => T): T {
  const previous = kernels();
  setKernels(backend);
  try {
    return body();
  } finally {
    setKernels(previous);
  }
}

/** The backend with its matmul entry points counted. */
function countCalls(backend: Kernels): { kernels: Kernels; calls: { matmul: number; matmulBatched: number } } {
  const calls = { matmul: 0, matmulBatched: 0 };
  return {
    calls,
    kernels: {
      ...backend,
      matmul: (args) => {
        calls.matmul++;
        backend.matmul(args);
      },
      matmulBatched: (args) => {
        calls.matmulBatched++;
        backend.matmulBatched(args);
      },
    },
  };
}
