import { describe, expect, it } from 'vitest';
import { defaultJobPoolSettings, jobPoolSettingsFromEnv, JobsEnvSchema } from './pool-settings.ts';

describe('job pool settings from the environment', () => {
  it('uses the defaults when nothing is set, with at least one worker', () => {
    const settings = jobPoolSettingsFromEnv(JobsEnvSchema.parse({}));
    expect(settings).toEqual(defaultJobPoolSettings());
    expect(settings.workers).toBeGreaterThanOrEqual(1);
  });

  it('reads every JOB_* variable', () => {
    const env = JobsEnvSchema.parse({
      JOB_WORKERS: '3',
      JOB_WALL_TIME_MS: '60000',
      JOB_CANCEL_GRACE_MS: '500',
      JOB_MAX_QUEUED_PER_DESIGN: '2',
      JOB_MAX_QUEUED: '10',
      JOB_MAX_STEPS: '1000',
      JOB_MAX_PARAMS: '100000',
      JOB_WORKER_MEMORY_MB: '256',
      JOB_THREAD_PRIORITY: 'low',
    });
    expect(jobPoolSettingsFromEnv(env)).toMatchObject({
      workers: 3,
      wallTimeMs: 60_000,
      cancelGraceMs: 500,
      maxQueuedPerDesign: 2,
      maxQueuedTotal: 10,
      workerMemoryMb: 256,
      threadPriority: 'low',
      limits: { maxSteps: 1000, maxParams: 100_000 },
    });
  });

  it('refuses nonsense', () => {
    expect(JobsEnvSchema.safeParse({ JOB_WORKERS: '0' }).success).toBe(false);
    expect(JobsEnvSchema.safeParse({ JOB_WALL_TIME_MS: 'soon' }).success).toBe(false);
    expect(JobsEnvSchema.safeParse({ JOB_THREAD_PRIORITY: 'urgent' }).success).toBe(false);
  });
});
