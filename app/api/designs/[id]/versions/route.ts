import { VersionsQuery } from '@/lib/protocol/http';
import { roomFromUrl } from '@/server/design-room-lookup';
import { apiError } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** The design's history, newest first: version, kind of edit, author and time. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const room = await roomFromUrl((await params).id);
  if (!room) return apiError(404, 'not-found', 'No design has this id.');
  const query = VersionsQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return apiError(400, 'bad-request', query.error.issues[0].message);
  const current = room.current.version;
  const versions = await services().history.versions(room.designId, current, query.data.limit, Math.min(query.data.before ?? current, current));
  return Response.json({ ok: true, current, versions });
}
