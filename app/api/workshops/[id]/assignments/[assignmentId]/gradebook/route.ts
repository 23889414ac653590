import { answer, assignmentRoute } from '@/server/assignments/assignment-route';

export const dynamic = 'force-dynamic';

/** The gradebook (instructor only). */
export const GET = assignmentRoute<{ id: string; assignmentId: string }>(async (_req, { params, person, assignments }) =>
  answer(await assignments.reports.gradebook(params.id, params.assignmentId, person), 'gradebook'),
);
