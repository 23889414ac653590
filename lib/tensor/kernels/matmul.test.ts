import { describe, expect, it } from 'vitest';
import { kernels, type MatmulArgs } from './index.ts';
import { blockedMatmul } from './blocked-matmul.ts';
import { plainKernels, referenceMatmul } from './plain.ts';

// Self-contained PRNG (mulberry32) so these tests depend on nothing outside kernels/.
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

interface Case {
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  accumulate: boolean;
  aOffset: number;
  bOffset: number;
  outOffset: number;
}

const SENTINEL = 12345.5;

/** Buffers with random operands at the given offsets and sentinels around the output region. */
function makeArgs(c: Case, random: () => number): MatmulArgs {
  const fill = (len: number, offset: number, tail: number): Float32Array => {
    const buf = new Float32Array(offset + len + tail);
    for (let i = 0; i < buf.length; i++) buf[i] = random() * 2 - 1;
    return buf;
  };
  const a = fill(c.m * c.k, c.aOffset, 3);
  const b = fill(c.k * c.n, c.bOffset, 5);
  const out = fill(c.m * c.n, c.outOffset, 7);
  for (let i = 0; i < c.outOffset; i++) out[i] = SENTINEL;
  for (let i = c.outOffset + c.m * c.n; i < out.length; i++) out[i] = SENTINEL;
  return { ...c, a, b, out };
}

/** Runs the fast kernel and the reference on identical inputs and compares every output element. */
function checkAgainstReference(c: Case, random: () => number): void {
  const fast = makeArgs(c, random);
  const ref: MatmulArgs = { ...fast, out: Float32Array.from(fast.out) };
  const aBefore = Float32Array.from(fast.a);
  const bBefore = Float32Array.from(fast.b);
  blockedMatmul(fast);
  referenceMatmul(ref);
  // Operands are in [-1, 1] and out starts in [-1, 1]: |error| is bounded by float32 rounding of ~k terms.
  const tol = 1e-6 * (c.k + 2) + 1e-6;
  const label = JSON.stringify(c);
  for (let i = 0; i < ref.out.length; i++) {
    if (Math.abs(fast.out[i] - ref.out[i]) > tol) {
      throw new Error(`${label}: out[${i}] = ${fast.out[i]}, reference ${ref.out[i]}`);
    }
  }
  // Element loops: vitest's deep equality is slow on large typed arrays.
  for (let i = 0; i < aBefore.length; i++) if (fast.a[i] !== aBefore[i]) throw new Error(`${label}: a[${i}] modified`);
  for (let i = 0; i < bBefore.length; i++) if (fast.b[i] !== bBefore[i]) throw new Error(`${label}: b[${i}] modified`);
}

const transCombos: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

describe('blocked matmul', () => {
  it('is the plain TypeScript backend, and the default before a runtime installs another', () => {
    expect(plainKernels.matmul).toBe(blockedMatmul);
    expect(['plain-ts', 'wasm-simd']).toContain(kernels().name);
  });

  it('computes a hand-worked 2×3 · 3×2 product', () => {
    // [[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
    const a = new Float32Array([1, 2, 3, 4, 5, 6]);
    const b = new Float32Array([7, 8, 9, 10, 11, 12]);
    const out = new Float32Array(4);
    const base = { a, aOffset: 0, b, bOffset: 0, out, outOffset: 0, m: 2, k: 3, n: 2, accumulate: false };
    blockedMatmul({ ...base, transA: false, transB: false });
    expect(Array.from(out)).toEqual([58, 64, 139, 154]);

    // Same product from transposed storage: Aᵀ stored [3,2], Bᵀ stored [2,3].
    const aT = new Float32Array([1, 4, 2, 5, 3, 6]);
    const bT = new Float32Array([7, 9, 11, 8, 10, 12]);
    out.fill(-1);
    blockedMatmul({ ...base, a: aT, b: bT, transA: true, transB: true });
    expect(Array.from(out)).toEqual([58, 64, 139, 154]);

    // accumulate adds onto what is there.
    blockedMatmul({ ...base, transA: false, transB: false, accumulate: true });
    expect(Array.from(out)).toEqual([116, 128, 278, 308]);
  });

  it('handles 1×1×1', () => {
    const out = new Float32Array([10]);
    const args = {
      a: new Float32Array([3]), aOffset: 0, b: new Float32Array([-2]), bOffset: 0, out, outOffset: 0,
      m: 1, k: 1, n: 1, transA: false, transB: false, accumulate: false,
    };
    blockedMatmul(args);
    expect(out[0]).toBe(-6);
    blockedMatmul({ ...args, accumulate: true });
    expect(out[0]).toBe(-12);
  });

  it('treats k = 0 as an empty sum: zeroes out, or leaves it when accumulating', () => {
    for (const [m, n] of [[1, 1], [3, 5], [9, 17]]) {
      const out = new Float32Array(2 + m * n + 2).fill(7);
      const args = {
        a: new Float32Array(0), aOffset: 0, b: new Float32Array(0), bOffset: 0, out, outOffset: 2,
        m, k: 0, n, transA: false, transB: false,
      };
      blockedMatmul({ ...args, accumulate: true });
      expect(Array.from(out)).toEqual(new Array(out.length).fill(7));
      blockedMatmul({ ...args, accumulate: false });
      expect(Array.from(out)).toEqual([7, 7, ...new Array(m * n).fill(0), 7, 7]);
    }
  });

  it('does nothing for m = 0 or n = 0', () => {
    const out = new Float32Array([5, 5]);
    const a = new Float32Array(6);
    const b = new Float32Array(6);
    blockedMatmul({ a, aOffset: 0, b, bOffset: 0, out, outOffset: 0, m: 0, k: 3, n: 2, transA: false, transB: false, accumulate: false });
    blockedMatmul({ a, aOffset: 0, b, bOffset: 0, out, outOffset: 0, m: 2, k: 3, n: 0, transA: false, transB: false, accumulate: false });
    expect(Array.from(out)).toEqual([5, 5]);
  });

  it('matches the reference on small and odd shapes, all trans combos, accumulate, offsets', () => {
    const random = makeRandom(1);
    const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 31, 33];
    for (const [transA, transB] of transCombos) {
      for (const accumulate of [false, true]) {
        for (let t = 0; t < 60; t++) {
          const pick = () => sizes[Math.floor(random() * sizes.length)];
          const withOffsets = t % 2 === 1;
          checkAgainstReference(
            {
              m: pick(), k: pick(), n: pick(), transA, transB, accumulate,
              aOffset: withOffsets ? 1 + Math.floor(random() * 20) : 0,
              bOffset: withOffsets ? 1 + Math.floor(random() * 20) : 0,
              outOffset: withOffsets ? 1 + Math.floor(random() * 20) : 0,
            },
            random,
          );
        }
      }
    }
  });

  it('matches the reference across cache-block boundaries (k > 256, m > 64, n > 1024)', () => {
    const random = makeRandom(2);
    const shapes: [number, number, number][] = [
      [67, 300, 45], // two k slices (overwrite then add), two row blocks with a ragged tail
      [130, 257, 6], // k slice of depth 1
      [5, 513, 1031], // two column blocks with a ragged tail, three k slices
      [64, 256, 1024], // exact block multiples
      [4, 4, 4],
    ];
    for (const [m, k, n] of shapes) {
      for (const [transA, transB] of transCombos) {
        for (const accumulate of [false, true]) {
          checkAgainstReference({ m, k, n, transA, transB, accumulate, aOffset: 3, bOffset: 11, outOffset: 5 }, random);
        }
      }
    }
  });

  it('is unaffected by scratch left over from a larger previous call', () => {
    const random = makeRandom(3);
    const big: Case = { m: 70, k: 290, n: 90, transA: false, transB: true, accumulate: false, aOffset: 0, bOffset: 0, outOffset: 0 };
    const small: Case = { m: 6, k: 5, n: 7, transA: true, transB: false, accumulate: false, aOffset: 0, bOffset: 0, outOffset: 0 };
    checkAgainstReference(big, random);
    checkAgainstReference(small, random);
    checkAgainstReference(big, random);
  });
});
