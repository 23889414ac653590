import type { JobKinds } from '../job-kind.ts';
import { gradeJob } from './grade.ts';
import { runJob } from './run.ts';
import { trainJob } from './train.ts';

/**
 * The job kinds this server runs, by name: the pool validates payloads with
 * them on the main thread and every worker thread loads their handlers from
 * here. To add a kind, write `kinds/<name>.ts` exporting
 * `defineJobKind({ payload, handle })` and list it below.
 */
export const jobKinds: JobKinds = {
  run: runJob,
  train: trainJob,
  grade: gradeJob,
};
