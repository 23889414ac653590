import { OpsQuery } from '@/lib/protocol/http';
import { designRoute } from '@/server/access/design-route';
import { apiError } from '@/server/http';
import { services } from '@/server/services';
import { issueMessage } from '@/lib/protocol/issue-message';

export const dynamic = 'force-dynamic';

/** The op log, oldest first and a page at a time: the browser replays it to scrub through the design's construction. */
export const GET = designRoute<{ id: string }>('history', async (req, { room }) => {
  const query = OpsQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return apiError(400, 'bad-request', issueMessage(query.error));
  const current = room.current.version;
  const ops = await services().history.ops(room.designId, query.data.after, query.data.limit, current);
  return Response.json({ ok: true, current, ops });
});
