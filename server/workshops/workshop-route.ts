import { DesignId, type Participant } from '../../lib/protocol/messages.ts';
import type { WorkshopRole } from '../../lib/workshop/controls.ts';
import { apiError } from '../http.ts';
import { services } from '../services.ts';

export interface WorkshopRequest {
  workshopId: string;
  person: Participant;
  member: { role: WorkshopRole; groupId: string | null; displayName: string };
}

/**
 * Every route under /api/workshops/[id] goes through this: who asks and
 * their place in the workshop. Not being in it is a 404, exactly like a
 * workshop that does not exist; `instructorOnly` routes answer 403 to participants.
 */
export function workshopRoute(
  access: 'member' | 'instructor',
  handler: (req: Request, ctx: WorkshopRequest) => Promise<Response>,
): (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response> {
  return async (req, ctx) => {
    const { id } = await ctx.params;
    const notFound = () => apiError(404, 'not-found', 'No workshop has this id.');
    if (!DesignId.safeParse(id).success) return notFound();
    const { people, workshops } = services();
    const person = await people.personOf(req.headers.get('cookie') ?? undefined);
    const member = await workshops.memberOf(id, person.id);
    if (!member) return notFound();
    if (access === 'instructor' && member.role !== 'instructor') return apiError(403, 'forbidden', 'Only the instructor may do this.');
    return handler(req, { workshopId: id, person, member });
  };
}
