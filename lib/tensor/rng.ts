/**
 * Seeded, platform-independent random numbers: xoshiro128** (Blackman &
 * Vigna, 2018) on 32-bit integer arithmetic, its 128-bit state filled from the
 * seed by splitmix32. Only Math.imul, shifts and additions are used, so every
 * platform produces the same stream for the same seed.
 */

const TWO_POW_32 = 4294967296;

/** splitmix32: spreads a 32-bit seed into well-mixed state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A deterministic random stream; the same seed always gives the same numbers. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Box–Muller yields two normals per draw; the second is kept for the next call. */
  private spareNormal: number | null = null;

  /** Seeds the stream from any number (its low 32 bits of the integer part; fractions and sign folded in). */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`Rng: seed must be a finite number, got ${seed}`);
    const mix = { s: (Math.trunc(seed) ^ Math.trunc((seed % 1) * TWO_POW_32)) | 0 };
    this.s0 = splitmix32(mix);
    this.s1 = splitmix32(mix);
    this.s2 = splitmix32(mix);
    this.s3 = splitmix32(mix);
    // The all-zero state is a fixed point of xoshiro; splitmix32 practically never gives it, but be sure.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Standard normal N(0, 1) by the Box–Muller transform. */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const u1 = 1 - this.next(); // (0, 1]: log(0) is never taken
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Uniform integer in [0, n), unbiased (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_POW_32) throw new Error(`Rng.int: n must be an integer in [1, 2^32], got ${n}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** The four 32-bit state words (for checkpoints); a cached second normal is not included. */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** A stream resuming from state(); the words must not all be zero. */
  static fromState(words: readonly [number, number, number, number]): Rng {
    if (words.every((w) => (w | 0) === 0)) throw new Error('Rng.fromState: the all-zero state is invalid');
    const rng = new Rng(0);
    [rng.s0, rng.s1, rng.s2, rng.s3] = words.map((w) => w | 0);
    return rng;
  }

  /** An independent child stream seeded from this one (advances this stream). */
  fork(): Rng {
    const child = new Rng(0);
    const mix = { s: this.nextUint32() | 0 };
    child.s0 = splitmix32(mix) ^ this.nextUint32();
    child.s1 = splitmix32(mix) ^ this.nextUint32();
    child.s2 = splitmix32(mix) ^ this.nextUint32();
    child.s3 = splitmix32(mix) ^ this.nextUint32();
    if ((child.s0 | child.s1 | child.s2 | child.s3) === 0) child.s0 = 1;
    return child;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
