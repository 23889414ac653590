import type { Kernels } from './index.ts';
import { plainAdamStep } from './adam-step.ts';
import { plainLayerNormBackward, plainLayerNormForward } from './layer-norm-rows.ts';
import { plainSoftmaxRows } from './softmax-rows.ts';
import { blockedMatmul } from './blocked-matmul.ts';

export { referenceMatmul, referenceKernels } from './reference.ts';

/** The default backend: plain TypeScript, cache-blocked and register-tiled. */
export const plainKernels: Kernels = { name: 'plain-ts', matmul: blockedMatmul, adamStep: plainAdamStep, softmaxRows: plainSoftmaxRows, layerNormForward: plainLayerNormForward, layerNormBackward: plainLayerNormBackward };
