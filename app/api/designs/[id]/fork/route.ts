import { ForkRequest } from '@/lib/protocol/http';
import { MAX_TITLE_LENGTH } from '@/lib/design/title';
import { roomFromUrl } from '@/server/design-room-lookup';
import { apiError, readJsonBody } from '@/server/http';
import { requestPerson } from '@/server/request-person';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Starts a new design from this one at a version (default: the latest); the original is untouched. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const room = await roomFromUrl((await params).id);
  if (!room) return apiError(404, 'not-found', 'No design has this id.');
  const body = await readJsonBody(req, ForkRequest);
  if (!body.ok) return body.response;
  const { history, designs } = services();
  const version = body.data.version ?? room.current.version;
  const state = await history.stateAt(room.designId, version, room.current.version);
  if (!state) return apiError(404, 'no-such-version', `This design has versions 0 to ${room.current.version}.`);
  const title = body.data.title ?? `${state.title} (fork)`.slice(0, MAX_TITLE_LENGTH);
  const forkId = await history.fork(state, version, requestPerson(req), title);
  const design = await designs.get(forkId);
  return Response.json({ ok: true, design: design && { id: forkId, title: design.state.title, version: design.version } }, { status: 201 });
}
