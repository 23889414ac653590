import type { AssignmentSpec } from '../../lib/grading/assignment-spec.ts';
import type { GradeReport } from '../../lib/grading/grade.ts';
import { latePenalty } from '../../lib/grading/late-policy.ts';
import type { AssignmentRecord, GradeRecord, OverrideRecord, SubmissionRecord } from './assignment-store.ts';

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

/** The latest override per test (and for the total, key null): later ones win. */
function latestOverrides(overrides: OverrideRecord[]): Map<string | null, OverrideRecord> {
  const latest = new Map<string | null, OverrideRecord>();
  for (const o of overrides) latest.set(o.testId, o);
  return latest;
}

function gradeRow(spec: AssignmentSpec, submission: SubmissionRecord, grade: GradeRecord): Pick<GradebookRow, 'cells' | 'earned' | 'late' | 'penalty' | 'totalOverride' | 'total'> {
  const overrides = latestOverrides(grade.overrides);
  const report = grade.status === 'done' ? (grade.report as GradeReport) : null;
  const cells = spec.tests.map((t): GradebookCell => {
    const graded = report?.results.find((r) => r.testId === t.id)?.earned ?? (report ? 0 : null);
    const o = overrides.get(t.id);
    return { testId: t.id, graded, override: o ? { points: o.points, comment: o.comment } : null, points: o ? o.points : graded };
  });
  const totalOverride = overrides.get(null);
  if (!report && !totalOverride) return { cells, earned: null, late: null, penalty: null, totalOverride: null, total: null };
  const earned = cells.reduce((sum, c) => sum + (c.points ?? 0), 0);
  const late = latePenalty(spec.latePolicy, spec.deadline, new Date(submission.submittedAt), earned);
  return {
    cells,
    earned,
    late: late.late ? { daysLate: late.daysLate, penaltyPercent: late.penaltyPercent } : null,
    penalty: late.penalty,
    totalOverride: totalOverride ? { points: totalOverride.points, comment: totalOverride.comment } : null,
    total: totalOverride ? totalOverride.points : late.total,
  };
}

/** Groups × tests: each group's current submission, its latest grade with overrides, late penalty and total. */
export function buildGradebook(assignment: AssignmentRecord, groups: GradebookRow['group'][], submissions: SubmissionRecord[]): Gradebook {
  const { spec } = assignment;
  const rows = groups.map((group): GradebookRow => {
    const history = submissions.filter((s) => s.groupId === group.id);
    const current = history.find((s) => s.replacedAt === null) ?? null;
    const grade = current?.grades.at(-1) ?? null;
    const empty = { cells: spec.tests.map((t) => ({ testId: t.id, graded: null, override: null, points: null })), earned: null, late: null, penalty: null, totalOverride: null, total: null };
    const { grades: _g, ...submission } = current ?? { grades: null };
    const { report: _r, overrides: _o, ...gradeSummary } = grade ?? { report: null, overrides: null };
    return {
      group,
      submission: current ? (submission as Omit<SubmissionRecord, 'grades'>) : null,
      grade: grade ? (gradeSummary as Omit<GradeRecord, 'report' | 'overrides'>) : null,
      ...(current && grade ? gradeRow(spec, current, grade) : empty),
      history,
    };
  });
  return {
    assignment,
    tests: spec.tests.map((t) => ({ id: t.id, name: t.name, points: t.points, visibility: t.visibility })),
    possible: spec.tests.reduce((sum, t) => sum + t.points, 0),
    rows,
  };
}
