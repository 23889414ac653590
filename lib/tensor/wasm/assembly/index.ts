// AssemblyScript entry of the WebAssembly kernels (see server/kernels/build-wasm-kernels.ts).
export { matmul, matmulBatched, matmulScratchFloats } from './matmul';
export { binary, sumRowsInto, unary, unaryBackward } from './elementwise';
export { adamStep } from './adam';
export { softmaxRows, softmaxRowsBackward } from './softmax';
export { layerNormForward, layerNormBackward } from './layer-norm';

/** Where free memory starts: the JS side lays out its scratch arena from here. */
export function heapBase(): usize {
  return __heap_base;
}

/** True in the relaxed-SIMD build (matmul's multiply-adds fused where the CPU has FMA). */
export function relaxedSimd(): bool {
  return ASC_FEATURE_RELAXED_SIMD;
}
