import { z } from 'zod';
import { runSample } from '../../../lib/compile/index.ts';
import { DesignDocumentSchema } from '../../../lib/design/index.ts';
import { defineJobKind, JobFailure } from '../job-kind.ts';

/**
 * Run: one forward pass of the design (as of the request) on a sample batch,
 * returning shapes and stats per node, attention per layer and head, and the
 * positional-encoding matrices. The parameter cap is the server's, never the client's.
 */
export const runJob = defineJobKind({
  payload: () =>
    z.strictObject({
      document: DesignDocumentSchema,
      /** Overrides the design's own seed. */
      seed: z.int().min(0).max(2 ** 32 - 1).optional(),
    }),
  handle({ document, seed }, { limits }) {
    // runSample is one synchronous pass: a cancel lands after the grace period, by terminating the thread.
    const outcome = runSample(document, { seed, caps: { maxParams: limits.maxParams } });
    if (!outcome.ok) throw new JobFailure(outcome.code, outcome.message);
    return outcome.result;
  },
});
