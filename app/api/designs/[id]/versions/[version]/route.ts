import { designRoute } from '@/server/access/design-route';
import { apiError } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** The design as it was at one version. */
export const GET = designRoute<{ id: string; version: string }>('history', async (_req, { room, params }) => {
  const { version } = params;
  const state = /^\d{1,9}$/.test(version) ? await services().history.stateAt(room.designId, Number(version), room.current.version) : null;
  if (!state) return apiError(404, 'no-such-version', `This design has versions 0 to ${room.current.version}.`);
  return Response.json({ ok: true, version: Number(version), title: state.title, doc: state.doc });
});
