// The job pool's public surface for the server: the runner contract, the
// in-process implementation, and its settings.
export type { JobError, JobEvent, JobListener, JobRef, JobRefusalCode, JobRequest, JobRunner, JobStatus, SubmitOutcome } from './job-runner.ts';
export { SERVER_CANCEL } from './job-runner.ts';
export { WorkerPool, DEFAULT_KINDS_MODULE, type WorkerPoolOptions } from './worker-pool.ts';
export { defaultJobPoolSettings, jobPoolSettingsFromEnv, JobsEnvSchema, type JobPoolSettings } from './pool-settings.ts';
export { defineJobKind, JobFailure, type JobContext, type JobKind, type JobKinds, type JobLimits } from './job-kind.ts';
