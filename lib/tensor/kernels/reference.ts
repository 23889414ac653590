import { plainAdamStep } from './adam-step.ts';
import { plainBinary, plainSumRowsInto, plainUnary, plainUnaryBackward } from './elementwise.ts';
import { plainLayerNormBackward, plainLayerNormForward } from './layer-norm-rows.ts';
import { loopMatmulBatched } from './matmul-batched.ts';
import { plainSoftmaxRows, plainSoftmaxRowsBackward } from './softmax-rows.ts';
import type { Kernels, MatmulArgs } from './index.ts';

/** Naive triple-loop matmul: obviously right, slow; the oracle the fast kernel is tested against. */
export function referenceMatmul({
  a,
  aOffset,
  b,
  bOffset,
  out,
  outOffset,
  m,
  k,
  n,
  transA,
  transB,
  accumulate,
}: MatmulArgs): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
        const bv = transB ? b[bOffset + j * k + p] : b[bOffset + p * n + j];
        s += av * bv;
      }
      const o = outOffset + i * n + j;
      out[o] = accumulate ? out[o] + s : s;
    }
  }
}

/** Kernels backed by the naive matmul (for tests and benchmark comparisons). */
export const referenceKernels: Kernels = {
  name: 'reference',
  matmul: referenceMatmul,
  matmulBatched: loopMatmulBatched(referenceMatmul),
  binary: plainBinary,
  sumRowsInto: plainSumRowsInto,
  unary: plainUnary,
  unaryBackward: plainUnaryBackward,
  adamStep: plainAdamStep,
  softmaxRows: plainSoftmaxRows,
  softmaxRowsBackward: plainSoftmaxRowsBackward,
  layerNormForward: plainLayerNormForward,
  layerNormBackward: plainLayerNormBackward,
};
