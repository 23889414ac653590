import { designRoute } from '@/server/access/design-route';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Past runs and trainings of a design, newest first, so curves can be compared. */
export const GET = designRoute<{ id: string }>('read', async (_req, { room }) => {
  return Response.json({ ok: true, runs: await services().runs.list(room.designId) });
});
