/**
 * The WebAssembly SIMD kernels (AssemblyScript sources in ./assembly) behind the
 * Kernels interface. Pure: it takes a compiled WebAssembly.Module; reading the
 * .wasm file is the Node side's job (server/kernels/load-kernels.ts), so lib/
 * stays free of I/O. Operands are copied into the module's memory in bulk and
 * results copied out in bulk: nothing crosses the boundary per element.
 */
import type { Kernels, MatmulArgs } from '../kernels/index.ts';
import { WasmArena } from './arena.ts';

/** What the compiled module exports (see assembly/index.ts). */
interface WasmKernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmul(a: number, b: number, out: number, m: number, k: number, n: number, transA: number, transB: number, accumulate: number, pack: number): void;
}

/** Kernels that also report their module's memory (for the memory-flat test and the bench). */
export interface WasmKernels extends Kernels {
  /** Bytes of WebAssembly memory the kernels hold. */
  memoryBytes(): number;
}

const NR = 8;
const KC = 256;

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
    // Packed B panels for one k slice, plus one edge tile of 8 floats.
    const pack = arena.take(Math.ceil(n / NR) * NR * Math.min(k, KC) + NR);
    wasm.matmul(pa, pb, po, m, k, n, transA ? 1 : 0, transB ? 1 : 0, accumulate ? 1 : 0, pack);
    arena.copyOut(po, out, outOffset, m * n);
  }

  return { name: 'wasm-simd', matmul, memoryBytes: () => arena.memoryBytes };
}
