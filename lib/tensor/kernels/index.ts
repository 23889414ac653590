/**
 * The kernel interface: every hot loop of the runtime goes through here, so a
 * faster backend (WebAssembly SIMD, a later issue) can replace the plain
 * TypeScript one without touching ops or layers.
 */
export interface MatmulArgs {
  /** Row-major left operand; logical shape [m, k] (or [k, m] when transA). */
  a: Float32Array;
  aOffset: number;
  /** Row-major right operand; logical shape [k, n] (or [n, k] when transB). */
  b: Float32Array;
  bOffset: number;
  /** Row-major output [m, n]. */
  out: Float32Array;
  outOffset: number;
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  /** When true, out += a·b; otherwise out = a·b. */
  accumulate: boolean;
}

export interface Kernels {
  readonly name: string;
  /** One (non-batched) matrix product; ops loop over batch offsets. */
  matmul(args: MatmulArgs): void;
}

import { plainKernels } from './plain.ts';

let active: Kernels = plainKernels;

/** The kernels in use by every op. */
export function kernels(): Kernels {
  return active;
}

/** Swap the backend (tests and benchmarks compare backends this way). */
export function useKernels(next: Kernels): void {
  active = next;
}
