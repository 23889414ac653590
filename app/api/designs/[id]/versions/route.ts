import { VersionsQuery } from '@/lib/protocol/http';
import { designRoute } from '@/server/access/design-route';
import { apiError } from '@/server/http';
import { services } from '@/server/services';
import { issueMessage } from '@/lib/protocol/issue-message';

export const dynamic = 'force-dynamic';

/** The design's history, newest first: version, kind of edit, author and time. */
export const GET = designRoute<{ id: string }>('history', async (req, { room }) => {
  const query = VersionsQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return apiError(400, 'bad-request', issueMessage(query.error));
  const current = room.current.version;
  const versions = await services().history.versions(room.designId, current, query.data.limit, Math.min(query.data.before ?? current, current));
  return Response.json({ ok: true, current, versions });
});
