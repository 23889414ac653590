/** Assignment tests on designs, evaluated purely, and what a gradebook derives from grades. */
export * from './assignment-spec.ts';
export { gradeDesign, GradingCancelled, type GradeOptions, type GradeProgress } from './grade.ts';
export { gradeReportSchema, testResultSchema, roundPoints, GRADE_REPORT_FORMAT, type GradeReport, type TestResult } from './grade-report.ts';
export { ASSUMED_TRAINING_FLOPS_PER_SECOND, estimateTrainingSeconds, trainingCredit } from './training-check.ts';
export { residualNormOrders, type ResidualNormOrder } from './norm-order.ts';
export { latePenalty, type LatePenalty } from './late-policy.ts';
export { participantReport, participantReportSchema, type ParticipantReport } from './participant-view.ts';
export { gradebookCsv, csvText, type Gradebook, type GradebookRow, type GradebookTest, type GroupGrade } from './gradebook-csv.ts';
export { diffDesigns, matchNodes, type DesignDiff, type ChangedNode, type DiffEdge, type DiffNode, type ParamChange } from './design-diff.ts';
export { contributions, editKind, EDIT_KIND_LABELS, type Contributions, type EditKind, type MemberContribution, type OpLogRow } from './contributions.ts';
