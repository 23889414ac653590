import path from 'node:path';

/** Where `npm install`/`npm run build` put the compiled WebAssembly kernels (gitignored: built, not committed). */
export const WASM_KERNELS_FILE = path.resolve(import.meta.dirname, '..', 'generated', 'kernels.wasm');
