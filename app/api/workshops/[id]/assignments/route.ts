import { SaveAssignmentRequest } from '@/lib/protocol/assignments-http';
import { answer, assignmentRoute } from '@/server/assignments/assignment-route';
import { readJsonBody } from '@/server/http';

export const dynamic = 'force-dynamic';

/** The workshop's assignments: whole for its instructor, hidden tests left out for participants until release. */
export const GET = assignmentRoute<{ id: string }>(async (_req, { params, person, assignments }) => answer(await assignments.list(params.id, person), 'assignments'));

/** A new assignment (instructor only); the spec must pass assignmentSpecSchema. */
export const POST = assignmentRoute<{ id: string }>(async (req, { params, person, assignments }) => {
  const body = await readJsonBody(req, SaveAssignmentRequest);
  if (!body.ok) return body.response;
  return answer(await assignments.create(params.id, person, body.data.spec, body.data.referenceDesignId ?? null), 'assignment', 201);
});
