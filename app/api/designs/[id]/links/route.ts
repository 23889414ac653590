import { CreateShareLinkRequest } from '@/lib/protocol/http';
import { designRoute } from '@/server/access/design-route';
import { readJsonBody } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** The design's share links still in force (owner only). */
export const GET = designRoute<{ id: string }>('manage-links', async (_req, { params }) =>
  Response.json({ ok: true, links: await services().access.links(params.id) }),
);

/** A new share link with a role and an optional expiry (owner only). */
export const POST = designRoute<{ id: string }>('manage-links', async (req, { params, person }) => {
  const body = await readJsonBody(req, CreateShareLinkRequest);
  if (!body.ok) return body.response;
  const link = await services().access.createLink(params.id, body.data.role, person.id, body.data.expiresInHours);
  return Response.json({ ok: true, link }, { status: 201 });
});
