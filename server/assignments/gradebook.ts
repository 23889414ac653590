import type { AssignmentSpec } from '../../lib/grading/assignment-spec.ts';
import type { GradeReport } from '../../lib/grading/grade.ts';
import { latePenalty } from '../../lib/grading/late-policy.ts';
import type { AssignmentRecord, Gradebook, GradebookCell, GradebookRow, GradeRecord, OverrideRecord, SubmissionRecord } from '../../lib/protocol/assignments-http.ts';




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
