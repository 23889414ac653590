import { z } from 'zod';
import type { AssignmentTestKind } from './assignment-spec.ts';

/** What grading one test found: the points it earned and, for people, what was measured. */
export interface TestResult {
  testId: string;
  kind: AssignmentTestKind;
  name: string;
  visibility: 'visible' | 'hidden';
  points: number;
  /** Rounded to 2 decimals; between 0 and `points` (partial credit for measured tests). */
  earned: number;
  /** Full marks: the design meets the test (a partly met measured test earns points without passing). */
  passed: boolean;
  /** The assignment's pass or fail text. */
  feedback: string;
  /** What was measured, for people, e.g. "2 multi-head attentions (at least 2 wanted)". */
  detail: string;
  /** The measured number, when the test measures one (a count, a parameter total, an accuracy, a loss). */
  measured?: number;
}

/** Every test's result and the totals, in the assignment's test order. */
export interface GradeReport {
  format: 'multihead-grade';
  version: 1;
  results: TestResult[];
  earned: number;
  possible: number;
}

export const GRADE_REPORT_FORMAT = 'multihead-grade';

const KINDS = [
  'validates',
  'node-count',
  'parameter-count',
  'output-shape',
  'causal-decoder-attention',
  'positional-information',
  'heads-concatenated',
  'norm-order',
  'diagnostic-absent',
  'training',
] as const satisfies readonly AssignmentTestKind[];

export const testResultSchema = z.strictObject({
  testId: z.string().min(1).max(40),
  kind: z.enum(KINDS),
  name: z.string().max(120),
  visibility: z.enum(['visible', 'hidden']),
  points: z.number().min(0),
  earned: z.number().min(0),
  passed: z.boolean(),
  feedback: z.string().max(1000),
  detail: z.string().max(2000),
  measured: z.number().optional(),
});

/** The stored report, as the server writes and reads it. */
export const gradeReportSchema = z.strictObject({
  format: z.literal(GRADE_REPORT_FORMAT),
  version: z.literal(1),
  results: z.array(testResultSchema),
  earned: z.number().min(0),
  possible: z.number().min(0),
});

/** Points to 2 decimals, so that totals print and compare exactly. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}
