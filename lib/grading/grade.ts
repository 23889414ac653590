import type { DesignDocument } from '../design/document.ts';
import type { AssignmentSpec, AssignmentTest } from './assignment-spec.ts';
import { checkCausalDecoderAttention, checkHeadsConcatenated, checkPositionalInformation } from './attention-checks.ts';
import { GradedDesign, type Measurement } from './check.ts';
import { GRADE_REPORT_FORMAT, roundPoints, type GradeReport, type TestResult } from './grade-report.ts';
import { checkNormOrder } from './norm-order.ts';
import { checkNodeCount, checkParameterCount } from './size-checks.ts';
import { checkTraining, type TrainingHooks } from './training-check.ts';
import { checkDiagnosticAbsent, checkOutputShape, checkValidates } from './validation-checks.ts';

export { gradeReportSchema, testResultSchema, type GradeReport, type TestResult } from './grade-report.ts';
export { GradingCancelled } from './training-check.ts';

/** Progress of a grading: the training test running and its step. */
export interface GradeProgress {
  testId: string;
  step: number;
  steps: number;
}

export interface GradeOptions {
  /** Called after every training step. */
  onProgress?(progress: GradeProgress): void;
  /** Checked between training steps; when true, gradeDesign throws GradingCancelled. */
  isCancelled?(): boolean;
  /** Limits on a trained model (the server's), at the training batch size. */
  trainingCaps?: TrainingHooks['caps'];
}

/** Details quote diagnostics and refusals; keep a stored report small. */
const MAX_DETAIL = 1000;
const clipped = (text: string) => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text);

function measure(test: AssignmentTest, design: GradedDesign, options: GradeOptions): Measurement {
  switch (test.kind) {
    case 'validates':
      return checkValidates(design);
    case 'node-count':
      return checkNodeCount(design, test.nodeType, test);
    case 'parameter-count':
      return checkParameterCount(design, test);
    case 'output-shape':
      return checkOutputShape(design, test.shape);
    case 'causal-decoder-attention':
      return checkCausalDecoderAttention(design);
    case 'positional-information':
      return checkPositionalInformation(design);
    case 'heads-concatenated':
      return checkHeadsConcatenated(design);
    case 'norm-order':
      return checkNormOrder(design, test.order);
    case 'diagnostic-absent':
      return checkDiagnosticAbsent(design, test.code);
    case 'training':
      return checkTraining(design.doc, test, {
        onProgress: options.onProgress && ((p) => options.onProgress!({ testId: test.id, ...p })),
        isCancelled: options.isCancelled,
        caps: options.trainingCaps,
      });
  }
}

/**
 * Grades a design against an assignment's tests, in the assignment's order.
 * Deterministic: the same spec and document give an identical report (fixed
 * seeds, and a training test's time cap is checked against an estimate, not
 * the clock). Earned points are rounded to 2 decimals.
 */
export function gradeDesign(spec: AssignmentSpec, doc: DesignDocument, options: GradeOptions = {}): GradeReport {
  const design = new GradedDesign(doc);
  const results = spec.tests.map((test): TestResult => {
    const m = measure(test, design, options);
    const result: TestResult = {
      testId: test.id,
      kind: test.kind,
      name: test.name,
      visibility: test.visibility,
      points: test.points,
      earned: roundPoints(test.points * m.fraction),
      passed: m.passed,
      feedback: m.passed ? test.feedback.pass : test.feedback.fail,
      detail: clipped(m.detail),
    };
    if (m.measured !== undefined) result.measured = m.measured;
    return result;
  });
  return {
    format: GRADE_REPORT_FORMAT,
    version: 1,
    results,
    earned: roundPoints(results.reduce((sum, r) => sum + r.earned, 0)),
    possible: roundPoints(results.reduce((sum, r) => sum + r.points, 0)),
  };
}
