import { gradeDesign, GradingCancelled, type GradeReport } from '../../../lib/grading/grade.ts';
import { defineJobKind, type JobContext } from '../job-kind.ts';
import { gradePayload, type GradePayload } from './grade-payload.ts';

/**
 * Grade: a submitted design against an assignment's tests, in a worker.
 * Training tests report `{ testId, step, steps }` after every step and notice
 * a cancel between steps; the result is the GradeReport (deterministic: the
 * same payload always gives the same report). The pool's wall-time limit is
 * the backstop; the tests' own time caps are checked against an estimate.
 */
export const gradeJob = defineJobKind({
  payload: gradePayload,
  handle({ spec, doc }: GradePayload, { reportProgress, isCancelled, limits }: JobContext): GradeReport | null {
    try {
      return gradeDesign(spec, doc, { onProgress: reportProgress, isCancelled, trainingCaps: { maxParams: limits.maxParams } });
    } catch (error) {
      if (error instanceof GradingCancelled) return null;
      throw error;
    }
  },
});
