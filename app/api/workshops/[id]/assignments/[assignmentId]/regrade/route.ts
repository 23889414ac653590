import { RegradeRequest } from '@/lib/protocol/assignments-http';
import { answer, assignmentRoute } from '@/server/assignments/assignment-route';
import { readJsonBody } from '@/server/http';

export const dynamic = 'force-dynamic';

/** Grades one submission or every group's current one again (instructor only); earlier grades stay in history. */
export const POST = assignmentRoute<{ id: string; assignmentId: string }>(async (req, { params, person, assignments }) => {
  const body = await readJsonBody(req, RegradeRequest);
  if (!body.ok) return body.response;
  return answer(await assignments.regrade(params.id, params.assignmentId, person, body.data.submissionId), 'regrade', 202);
});
