/** Test helpers shared by the WebAssembly-vs-TypeScript kernel tests: a seeded source and float32 ulp distances. */
import { Rng } from '../../lib/tensor/index.ts';

/** n uniform floats in [shift − scale, shift + scale). */
export function randomFloats(rng: Rng, n: number, scale = 1, shift = 0): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale + shift);
}

const f32 = new Float32Array(1);
const bits = new Int32Array(f32.buffer);

/** A float32's position on the number line in ulps (monotonic; +0 and −0 both 0). */
function ordinal(v: number): number {
  f32[0] = v;
  const b = bits[0];
  return b < 0 ? -(b & 0x7fffffff) : b;
}

/** How many float32 values lie between a and b (0 when they are the same float32). */
export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  return Math.abs(ordinal(a) - ordinal(b));
}

/** Throws naming the first index where `accept(actual, expected, i)` fails. */
export function expectEach(actual: ArrayLike<number>, expected: ArrayLike<number>, accept: (a: number, e: number, i: number) => boolean, label: string): void {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (!accept(actual[i], expected[i], i)) throw new Error(`${label}[${i}]: wasm ${actual[i]}, ts ${expected[i]}`);
  }
}

/** Bit-for-bit equality (NaN equal to NaN), as the kernels that do the same float32 operations in the same order promise. */
export function expectSameFloats(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  expectEach(actual, expected, (a, e) => Object.is(a, e) || (a === 0 && e === 0) || ulpDistance(a, e) === 0, label);
}
