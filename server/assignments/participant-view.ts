import type { AssignmentSpec } from '../../lib/grading/assignment-spec.ts';
import type { GradeReport } from '../../lib/grading/grade.ts';
import { participantReport } from '../../lib/grading/participant-view.ts';
import type { GradeRecord, ParticipantGrade, ParticipantSubmission, SubmissionRecord } from '../../lib/protocol/assignments-http.ts';



/** Filters a grade for a participant: nothing about a hidden test (name, parameter or result) before release. */
export function participantGrade(grade: GradeRecord, spec: AssignmentSpec, released: boolean): ParticipantGrade {
  const visible = new Set(spec.tests.filter((t) => t.visibility === 'visible').map((t) => t.id));
  return {
    id: grade.id,
    status: grade.status,
    report: grade.report ? participantReport(grade.report as GradeReport, released) : null,
    error: grade.error,
    penalty: released ? grade.penalty : null,
    total: released ? grade.total : null,
    overrides: grade.overrides
      .filter((o) => released || (o.testId !== null && visible.has(o.testId)))
      .map((o) => ({ testId: o.testId, points: o.points, comment: o.comment })),
  };
}

export function participantSubmission(s: SubmissionRecord, spec: AssignmentSpec, released: boolean): ParticipantSubmission {
  const latest = s.grades.at(-1);
  return {
    id: s.id,
    version: s.version,
    submittedByName: s.submittedByName,
    submittedAt: s.submittedAt,
    replacedAt: s.replacedAt,
    grade: latest ? participantGrade(latest, spec, released) : null,
  };
}
