import path from 'node:path';

/** Where `npm install`/`npm run build` put the compiled WebAssembly kernels (gitignored: built, not committed). */
export const WASM_KERNELS_FILE = path.resolve(import.meta.dirname, '..', 'generated', 'kernels.wasm');

/** The same kernels built with relaxed SIMD (fused multiply-add in matmul), beside `file`. */
export function relaxedKernelsFile(file: string): string {
  return file.replace(/\.wasm$/, '-relaxed.wasm');
}
