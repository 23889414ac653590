import { beforeAll, describe, expect, it } from 'vitest';
import type { MatmulArgs } from '../../lib/tensor/kernels/index.ts';
import { blockedMatmul } from '../../lib/tensor/kernels/blocked-matmul.ts';
import { referenceMatmul } from '../../lib/tensor/kernels/reference.ts';
import { wasmBuilds } from './wasm-builds.ts';

const builds = wasmBuilds();
/** The build under test (set by each describe block). */
let wasm = builds[0][1];

function makeRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Case = Omit<MatmulArgs, 'a' | 'b' | 'out'>;
const SENTINEL = 12345.5;

function makeArgs(c: Case, random: () => number): MatmulArgs {
  const fill = (len: number, offset: number, tail: number): Float32Array => Float32Array.from({ length: offset + len + tail }, () => random() * 2 - 1);
  const out = fill(c.m * c.n, c.outOffset, 7);
  out.fill(SENTINEL, 0, c.outOffset);
  out.fill(SENTINEL, c.outOffset + c.m * c.n);
  return { ...c, a: fill(c.m * c.k, c.aOffset, 3), b: fill(c.k * c.n, c.bOffset, 5), out };
}

/** Runs WASM, the plain TS kernel and the naive reference on one case; all three agree within float32 rounding of k terms. */
function compare(c: Case, random: () => number): void {
  const args = makeArgs(c, random);
  const aBefore = Float32Array.from(args.a);
  const bBefore = Float32Array.from(args.b);
  const ref = { ...args, out: Float32Array.from(args.out) };
  const ts = { ...args, out: Float32Array.from(args.out) };
  wasm.matmul(args);
  referenceMatmul(ref);
  blockedMatmul(ts);
  const tol = 1e-6 * (c.k + 2) + 1e-6;
  const label = JSON.stringify(c);
  for (let i = 0; i < ref.out.length; i++) {
    if (!(Math.abs(args.out[i] - ref.out[i]) <= tol)) throw new Error(`${label}: wasm out[${i}] = ${args.out[i]}, reference ${ref.out[i]}`);
    if (!(Math.abs(args.out[i] - ts.out[i]) <= tol)) throw new Error(`${label}: wasm out[${i}] = ${args.out[i]}, ts ${ts.out[i]}`);
  }
  for (let i = 0; i < aBefore.length; i++) if (args.a[i] !== aBefore[i]) throw new Error(`${label}: a[${i}] modified`);
  for (let i = 0; i < bBefore.length; i++) if (args.b[i] !== bBefore[i]) throw new Error(`${label}: b[${i}] modified`);
}

const transCombos: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

describe.each(builds)('WebAssembly SIMD matmul (%s)', (_name, build) => {
  beforeAll(() => {
    wasm = build;
  });

  it('computes a hand-worked product, from transposed storage, and accumulates', () => {
    const base = { aOffset: 0, bOffset: 0, outOffset: 0, m: 2, k: 3, n: 2, accumulate: false };
    const out = new Float32Array(4);
    wasm.matmul({ ...base, a: new Float32Array([1, 2, 3, 4, 5, 6]), b: new Float32Array([7, 8, 9, 10, 11, 12]), out, transA: false, transB: false });
    expect(Array.from(out)).toEqual([58, 64, 139, 154]);
    out.fill(-1);
    wasm.matmul({ ...base, a: new Float32Array([1, 4, 2, 5, 3, 6]), b: new Float32Array([7, 9, 11, 8, 10, 12]), out, transA: true, transB: true });
    expect(Array.from(out)).toEqual([58, 64, 139, 154]);
    wasm.matmul({ ...base, a: new Float32Array([1, 2, 3, 4, 5, 6]), b: new Float32Array([7, 8, 9, 10, 11, 12]), out, transA: false, transB: false, accumulate: true });
    expect(Array.from(out)).toEqual([116, 128, 278, 308]);
  });

  it('treats k = 0 as an empty sum and m = 0 or n = 0 as nothing to do', () => {
    const out = new Float32Array(2 + 15 + 2).fill(7);
    const args = { a: new Float32Array(0), aOffset: 0, b: new Float32Array(0), bOffset: 0, out, outOffset: 2, m: 3, k: 0, n: 5, transA: false, transB: false };
    wasm.matmul({ ...args, accumulate: true });
    expect(Array.from(out)).toEqual(new Array(19).fill(7));
    wasm.matmul({ ...args, accumulate: false });
    expect(Array.from(out)).toEqual([7, 7, ...new Array(15).fill(0), 7, 7]);
    wasm.matmul({ ...args, k: 3, m: 0, accumulate: false });
    expect(out[2]).toBe(0);
  });

  it('matches TS and the reference on random odd shapes, every transpose combination, accumulate and offsets', () => {
    const random = makeRandom(11);
    const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 33, 65];
    for (const [transA, transB] of transCombos) {
      for (const accumulate of [false, true]) {
        for (let t = 0; t < 40; t++) {
          const pick = () => sizes[Math.floor(random() * sizes.length)];
          const off = () => (t % 2 === 1 ? 1 + Math.floor(random() * 20) : 0);
          compare({ m: pick(), k: pick(), n: pick(), transA, transB, accumulate, aOffset: off(), bOffset: off(), outOffset: off() }, random);
        }
      }
    }
  });

  it('matches across k slices and row blocks (k > 256, m > 64), as the backward products use them', () => {
    const random = makeRandom(12);
    const shapes: [number, number, number][] = [
      [67, 300, 45],
      [130, 257, 6],
      [5, 513, 131],
      [64, 256, 128],
      // The encoder's products: x·Wᵀ, then dx = g·W and dW = gᵀ·x over 512 rows.
      [512, 128, 384],
      [128, 512, 128],
      // Past the 128-row A blocks and 256-deep k slices, with row and column edges in each.
      [259, 515, 133],
      [131, 64, 517],
    ];
    for (const [m, k, n] of shapes) {
      for (const [transA, transB] of transCombos) {
        compare({ m, k, n, transA, transB, accumulate: transA, aOffset: 3, bOffset: 1, outOffset: 5 }, random);
      }
    }
  });

  it('keeps its module memory flat over 2,000 calls once the largest shape has been seen', () => {
    const random = makeRandom(13);
    const cases = [makeArgs({ m: 96, k: 300, n: 70, transA: false, transB: true, accumulate: false, aOffset: 0, bOffset: 0, outOffset: 0 }, random), makeArgs({ m: 9, k: 5, n: 33, transA: true, transB: false, accumulate: true, aOffset: 0, bOffset: 0, outOffset: 0 }, random)];
    for (const c of cases) wasm.matmul(c);
    const after = wasm.memoryBytes();
    for (let i = 0; i < 2000; i++) wasm.matmul(cases[i % 2]);
    expect(wasm.memoryBytes()).toBe(after);
  });
});
