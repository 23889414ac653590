/**
 * Compiles the AssemblyScript kernels (lib/tensor/wasm/assembly/) to
 * server/generated/kernels.wasm (SIMD128) and kernels-relaxed.wasm (the same
 * sources with relaxed SIMD enabled: matmul's multiply-adds become fused where
 * the CPU has FMA; load-kernels.ts uses it when the engine accepts it). The binary is built, not committed: `npm install`
 * (our `prepare` script), `npm run setup` and `npm run build` run this, and it
 * skips the compile when the sources have not changed since the last build (a
 * stamp holds their hash). `--force` always compiles.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sourceFingerprint } from '../source-fingerprint.ts';
import { relaxedKernelsFile, WASM_KERNELS_FILE } from './wasm-kernels-file.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
export const WASM_SOURCE_DIR = path.join('lib', 'tensor', 'wasm', 'assembly');
const stampFile = `${WASM_KERNELS_FILE}.sha256`;
const ENTRY = path.join(WASM_SOURCE_DIR, 'index.ts');

/** The flags the measurements were taken with; `--runtime stub` means no GC: JS owns all memory layout. */
const ASC_FLAGS = ['--enable', 'simd', '-O3', '--noAssert', '--runtime', 'stub', '--initialMemory', '1'];

function fingerprint(): string {
  return sourceFingerprint(root, [WASM_SOURCE_DIR, path.join('node_modules', 'assemblyscript', 'package.json')]);
}

/** The two builds: plain SIMD128, and relaxed SIMD (sources test ASC_FEATURE_RELAXED_SIMD). */
const BUILDS: { file: string; flags: string[] }[] = [
  { file: WASM_KERNELS_FILE, flags: ASC_FLAGS },
  { file: relaxedKernelsFile(WASM_KERNELS_FILE), flags: [...ASC_FLAGS, '--enable', 'relaxed-simd'] },
];

/** True when both kernel binaries exist and were built from the current sources. */
export function wasmKernelsCurrent(): boolean {
  return BUILDS.every((b) => existsSync(b.file)) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint();
}

/** Builds kernels.wasm unless it is current (or always, with force). Throws with the compiler's message on failure. */
export async function buildWasmKernels(force = false): Promise<'built' | 'current'> {
  if (!force && wasmKernelsCurrent()) return 'current';
  const { default: asc } = await import('assemblyscript/asc');
  mkdirSync(path.dirname(WASM_KERNELS_FILE), { recursive: true });
  for (const { file, flags } of BUILDS) {
    const result = await asc.main([path.join(root, ENTRY), '--outFile', file, ...flags], {});
    if (result.error) throw new Error(`AssemblyScript build of the WebAssembly kernels (${path.basename(file)}) failed:\n${result.stderr.toString()}`);
  }
  writeFileSync(stampFile, fingerprint());
  return 'built';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outcome = await buildWasmKernels(process.argv.includes('--force'));
  process.stdout.write(`WebAssembly kernels ${outcome === 'built' ? 'built' : 'up to date'}: ${path.relative(root, WASM_KERNELS_FILE)}\n`);
}
