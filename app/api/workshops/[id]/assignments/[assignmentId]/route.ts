import { SaveAssignmentRequest } from '@/lib/protocol/assignments-http';
import { answer, assignmentRoute } from '@/server/assignments/assignment-route';
import { readJsonBody } from '@/server/http';

export const dynamic = 'force-dynamic';

type Params = { id: string; assignmentId: string };

/** The assignment as the person may see it (a participant: visible tests, their group's submissions and results). */
export const GET = assignmentRoute<Params>(async (_req, { params, person, assignments }) => answer(await assignments.view(params.id, params.assignmentId, person), 'view'));

/** Edits the assignment (instructor only); changing the tests bumps its revision. */
export const PUT = assignmentRoute<Params>(async (req, { params, person, assignments }) => {
  const body = await readJsonBody(req, SaveAssignmentRequest);
  if (!body.ok) return body.response;
  return answer(await assignments.update(params.id, params.assignmentId, person, body.data.spec, body.data.referenceDesignId), 'assignment');
});
