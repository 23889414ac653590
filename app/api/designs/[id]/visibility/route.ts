import { SetVisibilityRequest } from '@/lib/protocol/http';
import { designRoute } from '@/server/access/design-route';
import { readJsonBody } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Whether anyone with the design's address may view it (owner only). */
export const GET = designRoute<{ id: string }>('manage-links', async (_req, { params }) =>
  Response.json({ ok: true, visibility: await services().access.visibility(params.id) }),
);

/** Makes the design private or viewable by anyone with its address; people who lose access leave at once (owner only). */
export const PUT = designRoute<{ id: string }>('manage-links', async (req, { params }) => {
  const body = await readJsonBody(req, SetVisibilityRequest);
  if (!body.ok) return body.response;
  const { access, realtime } = services();
  await access.setVisibility(params.id, body.data.visibility);
  await realtime.refreshAccess(params.id);
  return Response.json({ ok: true, visibility: body.data.visibility });
});
