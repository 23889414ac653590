import { answer, assignmentRoute } from '@/server/assignments/assignment-route';

export const dynamic = 'force-dynamic';

/** Releases the grades (instructor only): hidden tests, totals and overrides reach participants from now on. */
export const POST = assignmentRoute<{ id: string; assignmentId: string }>(async (_req, { params, person, assignments }) =>
  answer(await assignments.release(params.id, params.assignmentId, person), 'assignment'),
);
