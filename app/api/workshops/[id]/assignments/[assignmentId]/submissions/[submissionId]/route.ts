import { answer, assignmentRoute } from '@/server/assignments/assignment-route';

export const dynamic = 'force-dynamic';

/** One submission for the instructor: its grades, its diff against the reference design and the group's contribution log. */
export const GET = assignmentRoute<{ id: string; assignmentId: string; submissionId: string }>(async (_req, { params, person, assignments }) =>
  answer(await assignments.reports.submissionDetail(params.id, params.assignmentId, params.submissionId, person), 'detail'),
);
