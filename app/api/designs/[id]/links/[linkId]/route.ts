import { designRoute } from '@/server/access/design-route';
import { apiError } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Revokes a link: whoever joined through it loses access at once, open connections included (owner only). */
export const DELETE = designRoute<{ id: string; linkId: string }>('manage-links', async (_req, { params }) => {
  const { access, realtime } = services();
  if (params.linkId.length > 64 || !(await access.revokeLink(params.id, params.linkId))) {
    return apiError(404, 'no-such-link', 'This design has no such link in force.');
  }
  await realtime.refreshAccess(params.id);
  return Response.json({ ok: true });
});
