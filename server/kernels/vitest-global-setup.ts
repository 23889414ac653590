import { buildWasmKernels } from './build-wasm-kernels.ts';

/** Tests run against kernels.wasm built from the current AssemblyScript sources (a no-op when it is). */
export default async function setup(): Promise<void> {
  await buildWasmKernels();
}
