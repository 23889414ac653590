import { can, type Action, type Role } from '../../lib/protocol/access.ts';
import { DesignId, type Participant } from '../../lib/protocol/messages.ts';
import type { DesignRoom } from '../rooms/design-room.ts';
import { apiError } from '../http.ts';
import { services } from '../services.ts';

export interface DesignRequest<P> {
  params: P;
  person: Participant;
  role: Role;
  room: DesignRoom;
}

const notFound = () => apiError(404, 'not-found', 'No design has this id.');

/**
 * Every route under /api/designs/[id] goes through this: it finds who asks,
 * their role on the design and whether the role allows `action`. No role is a
 * 404, exactly like a design that does not exist; a role too weak is a 403.
 */
export function designRoute<P extends { id: string }>(
  action: Action,
  handler: (req: Request, ctx: DesignRequest<P>) => Promise<Response>,
): (req: Request, ctx: { params: Promise<P> }) => Promise<Response> {
  return async (req, ctx) => {
    const params = await ctx.params;
    if (!DesignId.safeParse(params.id).success) return notFound();
    const { people, access, realtime } = services();
    const person = await people.personOf(req.headers.get('cookie') ?? undefined);
    const role = await access.roleOf(person.id, params.id);
    if (!role) return notFound();
    if (!can(role, action)) return apiError(403, 'forbidden', `A ${role} of this design may not do this.`);
    // A frozen workshop holds back edits made over HTTP too (rename, restore), as it does on the socket.
    const held = action === 'edit' || action === 'restore' ? realtime.editHold?.(params.id) : null;
    if (held) return apiError(423, held.reason ?? held.code, held.message);
    const room = await realtime.rooms.room(params.id);
    if (!room) return notFound();
    return handler(req, { params, person, role, room });
  };
}
