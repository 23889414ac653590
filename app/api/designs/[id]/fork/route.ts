import { ForkRequest } from '@/lib/protocol/http';
import { MAX_TITLE_LENGTH } from '@/lib/design/title';
import { designRoute } from '@/server/access/design-route';
import { apiError, readJsonBody } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Starts a new design from this one at a version (default: the latest); the original is untouched. */
export const POST = designRoute<{ id: string }>('fork', async (req, { room, person }) => {
  const body = await readJsonBody(req, ForkRequest);
  if (!body.ok) return body.response;
  const { history, designs } = services();
  const version = body.data.version ?? room.current.version;
  const state = await history.stateAt(room.designId, version, room.current.version);
  if (!state) return apiError(404, 'no-such-version', `This design has versions 0 to ${room.current.version}.`);
  const title = body.data.title ?? `${state.title} (fork)`.slice(0, MAX_TITLE_LENGTH);
  const forkId = await history.fork(state, version, person, title);
  const design = await designs.get(forkId);
  return Response.json({ ok: true, design: design && { id: forkId, title: design.state.title, version: design.version } }, { status: 201 });
});
