/**
 * The kernel interface: every hot loop of the runtime goes through here, so a
 * faster backend can replace the plain TypeScript one without touching ops or
 * layers. Two implementations: plainKernels (./plain.ts, the reference, and the
 * default until a runtime installs another) and the WebAssembly SIMD kernels
 * (../wasm/wasm-kernels.ts), which server/kernels/load-kernels.ts installs in
 * Node processes and job workers.
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

/** Swaps the backend for every op (the Node loader, tests and benchmarks do this). */
export function setKernels(next: Kernels): void {
  active = next;
}
