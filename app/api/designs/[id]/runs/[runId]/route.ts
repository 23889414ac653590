import { designRoute } from '@/server/access/design-route';
import { apiError } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** One finished run or training: its result, failure or cancellation, as the room saw it. */
export const GET = designRoute<{ id: string; runId: string }>('read', async (_req, { room, params }) => {
  const { runId } = params;
  const run = runId.length <= 64 ? await services().runs.get(room.designId, runId) : null;
  if (!run) return apiError(404, 'no-such-run', 'This design has no run with this id.');
  return Response.json({ ok: true, run });
});
