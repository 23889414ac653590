import { answer, assignmentRoute } from '@/server/assignments/assignment-route';

export const dynamic = 'force-dynamic';

/** Submits the caller's group's design as it is now; grading is queued in the worker pool. */
export const POST = assignmentRoute<{ id: string; assignmentId: string }>(async (_req, { params, person, assignments }) =>
  answer(await assignments.submit(params.id, params.assignmentId, person), 'submission', 201),
);
