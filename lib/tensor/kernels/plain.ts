import type { Kernels } from './index.ts';
import { plainAdamStep } from './adam-step.ts';
import { plainBinary, plainSumRowsInto, plainUnary, plainUnaryBackward } from './elementwise.ts';
import { plainLayerNormBackward, plainLayerNormForward } from './layer-norm-rows.ts';
import { loopMatmulBatched } from './matmul-batched.ts';
import { plainSoftmaxRows, plainSoftmaxRowsBackward } from './softmax-rows.ts';
import { blockedMatmul } from './blocked-matmul.ts';

export { referenceMatmul, referenceKernels } from './reference.ts';

/** The default backend: plain TypeScript, cache-blocked and register-tiled. */
export const plainKernels: Kernels = {
  name: 'plain-ts',
  matmul: blockedMatmul,
  matmulBatched: loopMatmulBatched(blockedMatmul),
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
