import { z } from 'zod';
import type { AssignmentSpec } from '../grading/assignment-spec.ts';
import type { ParticipantReport } from '../grading/participant-view.ts';

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

// The answers' shapes, shared by the server that builds them and the pages that show them.

/** An assignment as the server holds it: the full spec, hidden tests included. */
export interface AssignmentRecord {
  id: string;
  workshopId: string;
  spec: AssignmentSpec;
  revision: number;
  referenceDesignId: string | null;
  releasedAt: string | null;
  createdAt: string;
}

export interface OverrideRecord {
  id: string;
  testId: string | null;
  points: number;
  comment: string;
  byId: string;
  createdAt: string;
}

/** One grading of a submission; `report` is the full report (hidden tests included). */
export interface GradeRecord {
  id: string;
  submissionId: string;
  revision: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  report: unknown;
  earned: number | null;
  penalty: number | null;
  total: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  overrides: OverrideRecord[];
}

export interface SubmissionRecord {
  id: string;
  assignmentId: string;
  groupId: string;
  designId: string;
  version: number;
  submittedBy: string;
  submittedByName: string;
  submittedAt: string;
  replacedAt: string | null;
  /** Oldest first. */
  grades: GradeRecord[];
}

/** A grade as a participant may see it: visible tests only until release; penalty, total and overrides after. */
export interface ParticipantGrade {
  id: string;
  status: GradeRecord['status'];
  report: ParticipantReport | null;
  error: string | null;
  penalty: number | null;
  total: number | null;
  overrides: { testId: string | null; points: number; comment: string }[];
}

/** A submission as its group sees it, with its latest grade. */
export interface ParticipantSubmission {
  id: string;
  version: number;
  submittedByName: string;
  submittedAt: string;
  replacedAt: string | null;
  grade: ParticipantGrade | null;
}

/** One test's points in a grade: what the grader gave, and the instructor's override if any. */
export interface GradebookCell {
  testId: string;
  graded: number | null;
  override: { points: number; comment: string } | null;
  points: number | null;
}

/** A group's line of the gradebook: its current submission's latest grade, overrides applied. */
export interface GradebookRow {
  group: { id: string; number: number; name: string; members: { personId: string; displayName: string }[] };
  submission: Omit<SubmissionRecord, 'grades'> | null;
  grade: Omit<GradeRecord, 'report' | 'overrides'> | null;
  cells: GradebookCell[];
  earned: number | null;
  late: { daysLate: number; penaltyPercent: number } | null;
  penalty: number | null;
  totalOverride: { points: number; comment: string } | null;
  total: number | null;
  /** Every submission of the group with every grade, oldest first: the history regrades and resubmissions keep. */
  history: SubmissionRecord[];
}

export interface Gradebook {
  assignment: AssignmentRecord;
  tests: { id: string; name: string; points: number; visibility: 'visible' | 'hidden' }[];
  possible: number;
  rows: GradebookRow[];
}

/** What a participant may see of an assignment: hidden tests only once grades are released. */
export interface ParticipantAssignment {
  id: string;
  spec: AssignmentSpec;
  releasedAt: string | null;
}

export type AssignmentView =
  | { role: 'instructor'; assignment: AssignmentRecord }
  | { role: 'participant'; assignment: ParticipantAssignment; groupId: string | null; submissions: ParticipantSubmission[] };
