import { z } from 'zod';
import { gradeDesign } from '../../../lib/grading/grade.ts';
import { assignmentSpecSchema } from '../../../lib/grading/assignment-spec.ts';
import { DesignDocumentSchema } from '../../../lib/design/index.ts';
import { defineJobKind, type JobKinds } from '../../jobs/job-kind.ts';

/** The grade kind alone, for the assignment tests' worker pool: the real grader, in a worker thread. */
export const jobKinds: JobKinds = {
  grade: defineJobKind({
    payload: () => z.strictObject({ spec: assignmentSpecSchema, doc: DesignDocumentSchema }),
    handle: ({ spec, doc }, { isCancelled }) => gradeDesign(spec, doc, { isCancelled }),
  }),
};
