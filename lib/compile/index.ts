// The compiler's public surface: design → runnable model, sample runs, parameter and FLOP counts.
export { compileDesign, type CompileOptions, type CompileOutcome, type CompileRefusal } from './compile.ts';
export {
  CompiledModel,
  type AttentionRecord,
  type ForwardOptions,
  type ForwardResult,
  type NodeInstance,
} from './compiled-model.ts';
export type { ModelInput } from './model-inputs.ts';
export type { PortTensors } from './node-layers.ts';
export { DEFAULT_RUN_CAPS, capsRefusal, formatCount, largestTensor, type LargestTensor, type RunCaps } from './caps.ts';
export { runSample, type AttentionMap, type PositionalEncodingMatrix, type RunOutcome, type RunResult } from './run.ts';
export { outputStats, type OutputStats } from './output-stats.ts';
export { sampleBatch, type SampleBatch } from './sample-batch.ts';
export { RESERVED_MODULE_NAMES, baseModuleName, scopeModuleNames } from './naming.ts';
export {
  countDesign,
  feedForwardParams,
  layerNormParams,
  linearFlops,
  linearParams,
  multiHeadAttentionParams,
  nodeCost,
  recurrentParams,
  type Cost,
  type DesignCost,
  type NodeCost,
} from './count.ts';
