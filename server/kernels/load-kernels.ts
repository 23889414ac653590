/**
 * Chooses the runtime's kernels when a process (or job worker) starts: the
 * WebAssembly SIMD kernels when server/generated/kernels.wasm loads, else the
 * plain TypeScript ones with a warning. MULTIHEAD_KERNELS=ts|wasm forces one
 * (wasm then fails loudly instead of falling back).
 */
import { readFileSync } from 'node:fs';
import { setKernels, type Kernels } from '../../lib/tensor/kernels/index.ts';
import { plainKernels } from '../../lib/tensor/kernels/plain.ts';
import { createWasmKernels, type WasmKernels } from '../../lib/tensor/wasm/wasm-kernels.ts';
import { WASM_KERNELS_FILE } from './wasm-kernels-file.ts';

export type KernelChoice = 'auto' | 'ts' | 'wasm';

/** Reads MULTIHEAD_KERNELS; anything but ts, wasm or nothing is an error (a typo must not silently pick one). */
export function kernelChoice(value: string | undefined): KernelChoice {
  if (value === undefined || value === '') return 'auto';
  if (value === 'ts' || value === 'wasm') return value;
  throw new Error(`MULTIHEAD_KERNELS must be 'ts' or 'wasm', not '${value}'`);
}

/** Compiles kernels.wasm into kernels; throws when the file is missing or does not load. */
export function loadWasmKernels(file = WASM_KERNELS_FILE): WasmKernels {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    throw new Error(`${file} is missing (run npm run build)`);
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
