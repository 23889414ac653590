import { z } from 'zod';
import type { Participant } from '../../lib/protocol/messages.ts';
import { apiError } from '../http.ts';
import { services } from '../services.ts';
import type { AssignmentService, Outcome } from './assignment-service.ts';

const RowId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export interface AssignmentRequest<P> {
  params: P;
  person: Participant;
  assignments: AssignmentService;
}

/**
 * Every route under /api/workshops/[id]/assignments goes through this: ids
 * are checked, the person is found, and the service decides the rest (its
 * refusals become JSON errors with their status).
 */
export function assignmentRoute<P extends { id: string; assignmentId?: string; submissionId?: string }>(
  handler: (req: Request, ctx: AssignmentRequest<P>) => Promise<Response>,
): (req: Request, ctx: { params: Promise<P> }) => Promise<Response> {
  return async (req, ctx) => {
    const params = await ctx.params;
    for (const value of Object.values(params)) if (!RowId.safeParse(value).success) return apiError(404, 'not-found', 'There is no such workshop or assignment.');
    const { people, assignments } = services();
    const person = await people.personOf(req.headers.get('cookie') ?? undefined);
    return handler(req, { params, person, assignments });
  };
}

/** An outcome as the HTTP answer: `{ ok: true, [key]: value }` or the refusal. */
export function answer<T>(outcome: Outcome<T>, key: string, status = 200): Response {
  if (!outcome.ok) return apiError(outcome.status, outcome.code, outcome.message);
  return Response.json({ ok: true, [key]: outcome.value }, { status, headers: { 'cache-control': 'no-store' } });
}
