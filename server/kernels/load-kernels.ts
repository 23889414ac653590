/**
 * Chooses the runtime's kernels when a process (or job worker) starts: the
 * WebAssembly SIMD kernels when server/generated/kernels.wasm loads, else the
 * plain TypeScript ones with a warning. MULTIHEAD_KERNELS=ts|wasm forces one
 * (wasm then fails loudly instead of falling back). Of the two WebAssembly
 * builds, the relaxed-SIMD one (fused multiply-add in matmul) is used when the
 * engine accepts it, the SIMD128 one otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { setKernels, type Kernels } from '../../lib/tensor/kernels/index.ts';
import { plainKernels } from '../../lib/tensor/kernels/plain.ts';
import { createWasmKernels, type WasmKernels } from '../../lib/tensor/wasm/wasm-kernels.ts';
import { relaxedKernelsFile, WASM_KERNELS_FILE } from './wasm-kernels-file.ts';

export type KernelChoice = 'auto' | 'ts' | 'wasm';

/** Reads MULTIHEAD_KERNELS; anything but ts, wasm or nothing is an error (a typo must not silently pick one). */
export function kernelChoice(value: string | undefined): KernelChoice {
  if (value === undefined || value === '') return 'auto';
  if (value === 'ts' || value === 'wasm') return value;
  throw new Error(`MULTIHEAD_KERNELS must be 'ts' or 'wasm', not '${value}'`);
}

/**
 * True when this engine compiles relaxed SIMD. Node 20's V8 has it behind
 * --experimental-wasm-relaxed-simd, which V8 reads when a module is compiled, so
 * it is switched on here (process-wide, once) when the bytes do not validate
 * without it; newer Node runs relaxed SIMD by default and never gets here.
 */
function acceptsRelaxedSimd(bytes: Uint8Array<ArrayBuffer>): boolean {
  if (WebAssembly.validate(bytes)) return true;
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return WebAssembly.validate(bytes);
}

export interface LoadWasmOptions {
  /** Use the relaxed-SIMD build when it is there and the engine accepts it (default true). */
  relaxed?: boolean;
}

/** Compiles kernels.wasm (or its relaxed-SIMD twin) into kernels; throws when the file is missing or does not load. */
export function loadWasmKernels(file = WASM_KERNELS_FILE, { relaxed = true }: LoadWasmOptions = {}): WasmKernels {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    throw new Error(`${file} is missing (run npm run build)`);
  }
  const relaxedFile = relaxedKernelsFile(file);
  if (relaxed && existsSync(relaxedFile)) {
    const relaxedBytes = new Uint8Array(readFileSync(relaxedFile));
    if (acceptsRelaxedSimd(relaxedBytes)) return createWasmKernels(new WebAssembly.Module(relaxedBytes));
  }
  return createWasmKernels(new WebAssembly.Module(bytes));
}

/** Picks the kernels per `choice`, installs them for every op and returns them. */
export function installKernels(
  choice: KernelChoice = kernelChoice(process.env.MULTIHEAD_KERNELS),
  warn: (message: string) => void = (m) => process.emitWarning(m, 'MultiheadKernels'),
  file = WASM_KERNELS_FILE,
): Kernels {
  let chosen: Kernels = plainKernels;
  if (choice !== 'ts') {
    try {
      chosen = loadWasmKernels(file);
    } catch (error) {
      if (choice === 'wasm') throw error;
      warn(`WebAssembly kernels unavailable, using the TypeScript kernels: ${(error as Error).message}`);
    }
  }
  setKernels(chosen);
  return chosen;
}
