import { randomUUID } from 'node:crypto';
import { RenameDesignRequest } from '@/lib/protocol/http';
import { DesignId } from '@/lib/protocol/messages';
import { apiError, readJsonBody } from '@/server/http';
import { requestPerson } from '@/server/request-person';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function GET(_req: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const design = DesignId.safeParse(id).success ? await services().designs.get(id) : null;
  if (!design) return apiError(404, 'not-found', 'No design has this id.');
  const { state, ...summary } = design;
  return Response.json({ ok: true, design: { ...summary, title: state.title, doc: state.doc } });
}

/** Rename: an edit through the design's room like any other, so everyone there sees it at once. */
export async function PATCH(req: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  if (!DesignId.safeParse(id).success) return apiError(404, 'not-found', 'No design has this id.');
  const body = await readJsonBody(req, RenameDesignRequest);
  if (!body.ok) return body.response;
  const room = await services().realtime.rooms.room(id);
  if (!room) return apiError(404, 'not-found', 'No design has this id.');
  const answer = await room.submit(requestPerson(req), `http-${randomUUID()}`, { type: 'renameDesign', title: body.data.title });
  if (!answer.ok) return apiError(answer.code === 'conflict' ? 409 : 400, answer.reason ?? answer.code, answer.message);
  // The room holds the state it just stored: no need to read it back.
  return Response.json({ ok: true, design: { id, title: room.current.state.title, version: answer.version } });
}
