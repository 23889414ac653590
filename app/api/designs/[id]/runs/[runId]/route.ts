import { roomFromUrl } from '@/server/design-room-lookup';
import { apiError } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** One finished run or training: its result, failure or cancellation, as the room saw it. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; runId: string }> }): Promise<Response> {
  const { id, runId } = await params;
  const room = await roomFromUrl(id);
  if (!room) return apiError(404, 'not-found', 'No design has this id.');
  const run = runId.length <= 64 ? await services().runs.get(room.designId, runId) : null;
  if (!run) return apiError(404, 'no-such-run', 'This design has no run with this id.');
  return Response.json({ ok: true, run });
}
