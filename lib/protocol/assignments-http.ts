import { z } from 'zod';

/** POST /api/workshops/[id]/assignments and PUT …/[assignmentId]: the spec is checked with assignmentSpecSchema by the server. */
export const SaveAssignmentRequest = z.strictObject({
  spec: z.unknown(),
  /** The instructor's reference design for the submission diff; null: none. */
  referenceDesignId: z.string().min(1).max(64).nullable().optional(),
});
export type SaveAssignmentRequest = z.infer<typeof SaveAssignmentRequest>;

/** POST …/[assignmentId]/regrade: one submission, or every group's current one. */
export const RegradeRequest = z.strictObject({ submissionId: z.string().min(1).max(64).optional() });
export type RegradeRequest = z.infer<typeof RegradeRequest>;

/** POST …/[assignmentId]/overrides: a test's points (or the total, testId null) set by hand, with why. */
export const OverrideRequest = z.strictObject({
  gradeId: z.string().min(1).max(64),
  testId: z.string().min(1).max(40).nullable(),
  points: z.number().min(0).max(100_000),
  comment: z.string().trim().min(1, 'say why the score changes').max(1000),
});
export type OverrideRequest = z.infer<typeof OverrideRequest>;
