import { OverrideRequest } from '@/lib/protocol/assignments-http';
import { answer, assignmentRoute } from '@/server/assignments/assignment-route';
import { readJsonBody } from '@/server/http';

export const dynamic = 'force-dynamic';

/** Sets a test's points, or the total, of a grade by hand with a comment (instructor only). */
export const POST = assignmentRoute<{ id: string; assignmentId: string }>(async (req, { params, person, assignments }) => {
  const body = await readJsonBody(req, OverrideRequest);
  if (!body.ok) return body.response;
  return answer(await assignments.override(params.id, params.assignmentId, person, body.data), 'override', 201);
});
