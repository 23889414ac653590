import { z } from 'zod';
import { DesignDocumentSchema } from '../../../lib/design/index.ts';
import { getTask } from '../../../lib/tasks/index.ts';
import type { JobLimits } from '../job-kind.ts';

/**
 * What a training job needs: the design as of the request, a built-in task,
 * its own number of steps, and optionally a learning rate, seed, warm-up and
 * optimiser (otherwise the design's training settings) and a batch size
 * (otherwise the task's). Steps are capped here so that an oversized request
 * is refused before it is queued.
 */
export function trainPayload(limits: JobLimits) {
  return z.strictObject({
    document: DesignDocumentSchema,
    task: z.string().superRefine((name, ctx) => {
      const found = getTask(name);
      if (!found.ok) ctx.addIssue({ code: 'custom', message: found.message });
    }),
    steps: z.int().min(1).max(limits.maxSteps, { message: `a training job may take at most ${limits.maxSteps} steps` }),
    learningRate: z.number().positive().max(10).optional(),
    seed: z.int().min(0).max(2 ** 32 - 1).optional(),
    batchSize: z.int().min(1).max(1024).optional(),
    warmupSteps: z.int().min(0).max(1_000_000).optional(),
    optimizer: z.enum(['adam', 'adamw']).optional(),
  });
}

/** A validated training payload. */
export type TrainPayload = z.infer<ReturnType<typeof trainPayload>>;
