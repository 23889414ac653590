import type { Db } from '../db.ts';
import type { DesignStore } from '../design-store.ts';
import type { JobRunner } from '../jobs/index.ts';
import type { Logger } from '../logger.ts';
import { AssignmentService } from './assignment-service.ts';
import { AssignmentStore } from './assignment-store.ts';
import { GradeJobs } from './grade-jobs.ts';

export { AssignmentService, type Outcome, type Refusal } from './assignment-service.ts';
export { GradeJobs, GRADE_JOB_KIND } from './grade-jobs.ts';

/** Assignments wired to the database, the designs and the job runner. */
export function createAssignments(db: Db, designs: DesignStore, jobs: JobRunner, log: Logger, now?: () => Date): AssignmentService {
  const store = new AssignmentStore(db);
  return new AssignmentService(db, store, designs, new GradeJobs(jobs, store, log, now), now);
}
