import type { WasmKernels } from '../../lib/tensor/wasm/wasm-kernels.ts';
import { loadWasmKernels } from './load-kernels.ts';

/**
 * Both WebAssembly builds, for tests that must hold on each: the one the runtime
 * picks (relaxed SIMD where the engine accepts it) and the SIMD128 fallback.
 */
export function wasmBuilds(): [string, WasmKernels][] {
  const picked = loadWasmKernels();
  const simd128 = loadWasmKernels(undefined, { relaxed: false });
  return [
    [`${picked.simd} build`, picked],
    [`${simd128.simd} build`, simd128],
  ];
}
