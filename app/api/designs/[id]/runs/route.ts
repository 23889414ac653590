import { roomFromUrl } from '@/server/design-room-lookup';
import { apiError } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Past runs and trainings of a design, newest first, so curves can be compared. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const room = await roomFromUrl((await params).id);
  if (!room) return apiError(404, 'not-found', 'No design has this id.');
  return Response.json({ ok: true, runs: await services().runs.list(room.designId) });
}
