import { randomUUID } from 'node:crypto';
import { RestoreRequest } from '@/lib/protocol/http';
import { designRoute } from '@/server/access/design-route';
import { apiError, readJsonBody } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Brings back an earlier version as a new edit: history only grows, and the restore can be undone. */
export const POST = designRoute<{ id: string }>('restore', async (req, { room, person }) => {
  const body = await readJsonBody(req, RestoreRequest);
  if (!body.ok) return body.response;
  const state = await services().history.stateAt(room.designId, body.data.version, room.current.version);
  if (!state) return apiError(404, 'no-such-version', `This design has versions 0 to ${room.current.version}.`);
  const op = { type: 'restoreVersion', fromVersion: body.data.version, title: state.title, doc: state.doc };
  const answer = await room.submit(person, `http-${randomUUID()}`, op);
  if (!answer.ok) return apiError(answer.code === 'conflict' ? 409 : 400, answer.reason ?? answer.code, answer.message);
  return Response.json({ ok: true, version: answer.version });
});
