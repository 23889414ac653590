import type { AssignmentSpec } from '../../lib/grading/assignment-spec.ts';
import { gradeReportSchema } from '../../lib/grading/grade.ts';
import { latePenalty } from '../../lib/grading/late-policy.ts';
import type { JobEvent, JobRunner } from '../jobs/index.ts';
import type { Logger } from '../logger.ts';
import type { AssignmentStore } from './assignment-store.ts';

/** The job kind that grades a design against an assignment's tests (server/jobs/kinds). */
export const GRADE_JOB_KIND = 'grade';

/** Grading jobs queue per group design, apart from the room's own runs (which the room's queue key would hold up). */
export const gradingQueueOf = (designId: string) => `grading:${designId}`;

/**
 * Gradings as jobs in the worker pool, never on the event loop: a grade row
 * is queued, its job id is the grade's id, and the job's events move the row
 * to running and then done (report, late penalty, total) or failed.
 */
export class GradeJobs {
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobs: JobRunner,
    private readonly store: AssignmentStore,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    jobs.subscribe((event) => {
      if (event.job.kind !== GRADE_JOB_KIND) return;
      // One at a time, in order: a fast job's 'result' must not overtake its 'started'.
      this.pending = this.pending.then(() => this.onEvent(event)).catch((err: unknown) => this.log.error({ err, gradeId: event.job.id }, 'could not record a grading'));
    });
  }

  /** Resolves once every job event received so far is stored (for tests and shutdown). */
  settled(): Promise<void> {
    return this.pending;
  }

  /** Queues the grading of `doc`; a refused job fails the grade with the pool's reason. */
  async queue(gradeId: string, spec: AssignmentSpec, doc: unknown, designId: string, requestedBy: string): Promise<void> {
    const outcome = await this.jobs.submit({ id: gradeId, designId: gradingQueueOf(designId), kind: GRADE_JOB_KIND, payload: { spec, doc }, requestedBy });
    if (!outcome.ok) await this.store.gradeFailed(gradeId, `The grading could not be queued: ${outcome.message}`, this.now());
  }

  private async onEvent(event: JobEvent): Promise<void> {
    const gradeId = event.job.id;
    switch (event.type) {
      case 'started':
        return this.store.gradeStarted(gradeId);
      case 'result':
        return this.recordResult(gradeId, event.result);
      case 'failed':
        return this.store.gradeFailed(gradeId, event.error.message, this.now());
      case 'cancelled':
        return this.store.gradeFailed(gradeId, 'The grading was cancelled.', this.now());
      default:
        return;
    }
  }

  private async recordResult(gradeId: string, result: unknown): Promise<void> {
    const context = await this.store.gradeContext(gradeId);
    if (!context) return;
    // A grading cancelled mid-way ends with no report.
    if (result === null) {
      await this.store.gradeFailed(gradeId, 'The grading was cancelled.', this.now());
      return;
    }
    const parsed = gradeReportSchema.safeParse(result);
    if (!parsed.success) {
      await this.store.gradeFailed(gradeId, 'The grader answered with an unreadable report.', this.now());
      return;
    }
    const report = parsed.data;
    const { spec } = context.assignment;
    const late = latePenalty(spec.latePolicy, spec.deadline, new Date(context.submission.submittedAt), report.earned);
    await this.store.gradeDone(gradeId, { report, earned: report.earned, penalty: late.penalty, total: late.total }, this.now());
  }
}
