import { randomUUID } from 'node:crypto';
import { RenameDesignRequest } from '@/lib/protocol/http';
import { designRoute } from '@/server/access/design-route';
import { apiError, readJsonBody } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

export const GET = designRoute('read', async (_req, { params, role }) => {
  const design = await services().designs.get(params.id);
  if (!design) return apiError(404, 'not-found', 'No design has this id.');
  const { state, ...summary } = design;
  return Response.json({ ok: true, role, design: { ...summary, title: state.title, doc: state.doc } });
});

/** Rename: an edit through the design's room like any other, so everyone there sees it at once. */
export const PATCH = designRoute('edit', async (req, { room, person, params }) => {
  const body = await readJsonBody(req, RenameDesignRequest);
  if (!body.ok) return body.response;
  const answer = await room.submit(person, `http-${randomUUID()}`, { type: 'renameDesign', title: body.data.title });
  if (!answer.ok) return apiError(answer.code === 'conflict' ? 409 : 400, answer.reason ?? answer.code, answer.message);
  // The room holds the state it just stored: no need to read it back.
  return Response.json({ ok: true, design: { id: params.id, title: room.current.state.title, version: answer.version } });
});
