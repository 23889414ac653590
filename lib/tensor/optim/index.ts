/** Optimisers, gradient clipping and learning-rate schedules with PyTorch's update rules. */
export { Optimizer } from './optimizer.ts';
export { SGD, type SgdOptions } from './sgd.ts';
export { Adam, AdamW, type AdamOptions } from './adam.ts';
export { clipGradNorm } from './clip-grad-norm.ts';
export { constantSchedule, cosineSchedule, warmupInverseSqrt, type CosineScheduleOptions, type LrSchedule } from './schedules.ts';
