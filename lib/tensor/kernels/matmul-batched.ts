import type { MatmulArgs, MatmulBatchedArgs } from './index.ts';

/** A batched matmul that calls `matmul` once per batch: the reference the WebAssembly one is tested against. */
export function loopMatmulBatched(matmul: (args: MatmulArgs) => void): (args: MatmulBatchedArgs) => void {
  return ({ batch, aStride, bStride, outStride, aOffset, bOffset, outOffset, ...rest }) => {
    for (let i = 0; i < batch; i++) {
      matmul({ ...rest, aOffset: aOffset + i * aStride, bOffset: bOffset + i * bStride, outOffset: outOffset + i * outStride });
    }
  };
}
