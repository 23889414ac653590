import { roomFromUrl } from '@/server/design-room-lookup';
import { apiError } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** The design as it was at one version. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const { id, version } = await params;
  const room = await roomFromUrl(id);
  if (!room) return apiError(404, 'not-found', 'No design has this id.');
  const state = /^\d{1,9}$/.test(version) ? await services().history.stateAt(room.designId, Number(version), room.current.version) : null;
  if (!state) return apiError(404, 'no-such-version', `This design has versions 0 to ${room.current.version}.`);
  return Response.json({ ok: true, version: Number(version), title: state.title, doc: state.doc });
}
