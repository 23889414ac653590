import { z } from 'zod';
import { roundPoints, testResultSchema, type GradeReport, type TestResult } from './grade-report.ts';

/** A grade as a participant may see it. */
export interface ParticipantReport {
  format: 'multihead-grade';
  version: 1;
  /** Grades released: every test is shown and the totals are final. */
  released: boolean;
  /** The totals leave out tests not shown yet (before release, when the assignment has hidden tests or not). */
  partial: boolean;
  /** One sentence saying what the totals cover. */
  note: string;
  results: TestResult[];
  earned: number;
  possible: number;
}

export const participantReportSchema = z.strictObject({
  format: z.literal('multihead-grade'),
  version: z.literal(1),
  released: z.boolean(),
  partial: z.boolean(),
  note: z.string(),
  results: z.array(testResultSchema),
  earned: z.number().min(0),
  possible: z.number().min(0),
});

const RELEASED_NOTE = 'Grades are released: every test is shown and the total is final.';
const PARTIAL_NOTE = 'Visible tests only: more tests may be graded when the instructor releases grades, so this total is partial.';

/**
 * The report a participant may see. Before release, hidden tests are left
 * out whole (their id, name, points, detail and feedback never leave the
 * server, nor how many there are) and the totals cover the visible tests
 * only; after release, everything.
 */
export function participantReport(report: GradeReport, released: boolean): ParticipantReport {
  const results = released ? report.results : report.results.filter((r) => r.visibility === 'visible');
  return {
    format: report.format,
    version: report.version,
    released,
    partial: !released,
    note: released ? RELEASED_NOTE : PARTIAL_NOTE,
    results: results.map((r) => ({ ...r })),
    earned: released ? report.earned : roundPoints(results.reduce((sum, r) => sum + r.earned, 0)),
    possible: released ? report.possible : roundPoints(results.reduce((sum, r) => sum + r.points, 0)),
  };
}
