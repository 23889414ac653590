// AssemblyScript entry of the WebAssembly kernels (see server/kernels/build-wasm-kernels.ts).
export { matmul } from './matmul';
export { adamStep } from './adam';
export { softmaxRows } from './softmax';
export { layerNormForward, layerNormBackward } from './layer-norm';

/** Where free memory starts: the JS side lays out its scratch arena from here. */
export function heapBase(): usize {
  return __heap_base;
}
