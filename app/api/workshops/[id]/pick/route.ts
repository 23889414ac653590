import { PickGroupRequest } from '@/lib/protocol/workshop-messages';
import { apiError, readJsonBody } from '@/server/http';
import { services } from '@/server/services';
import { workshopRoute } from '@/server/workshops/workshop-route';

export const dynamic = 'force-dynamic';

/** A participant chooses their group (grouping "pick"). */
export const POST = workshopRoute('member', async (req, { workshopId, person }) => {
  const body = await readJsonBody(req, PickGroupRequest);
  if (!body.ok) return body.response;
  const { workshops, workshopLive } = services();
  const picked = await workshops.pickGroup(workshopId, person.id, body.data.groupId);
  if (!picked.ok) return apiError(picked.code === 'not-found' ? 404 : 403, picked.code, picked.message);
  await workshopLive.publish(workshopId);
  return Response.json({ ok: true, groupId: picked.groupId });
});
