import { z } from 'zod';
import { DesignDocumentSchema, parseDesignDocument } from '../../../lib/design/index.ts';
import { assignmentSpecSchema } from '../../../lib/grading/assignment-spec.ts';
import type { JobLimits } from '../job-kind.ts';

/**
 * What a grading job needs: the assignment and the submitted design (its
 * frozen snapshot). The design is checked against the catalog as a stored
 * document is, and a training test longer than the server's step cap is
 * refused before the job is queued.
 */
export function gradePayload(limits: JobLimits) {
  return z.strictObject({
    spec: assignmentSpecSchema.superRefine((spec, ctx) => {
      spec.tests.forEach((test, index) => {
        if (test.kind === 'training' && test.steps > limits.maxSteps) {
          ctx.addIssue({ code: 'custom', path: ['tests', index, 'steps'], message: `a training test may take at most ${limits.maxSteps} steps on this server` });
        }
      });
    }),
    doc: DesignDocumentSchema.transform((doc, ctx) => {
      const parsed = parseDesignDocument(doc);
      if (parsed.ok) return parsed.doc;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }),
  });
}

/** A validated grading payload. */
export type GradePayload = z.infer<ReturnType<typeof gradePayload>>;
