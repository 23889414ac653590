import { MakeGroupsRequest } from '@/lib/protocol/workshop-messages';
import { readJsonBody } from '@/server/http';
import { services } from '@/server/services';
import { workshopRoute } from '@/server/workshops/workshop-route';

export const dynamic = 'force-dynamic';

/** The instructor adds groups, each with its own design from the starter. */
export const POST = workshopRoute('instructor', async (req, { workshopId }) => {
  const body = await readJsonBody(req, MakeGroupsRequest);
  if (!body.ok) return body.response;
  const { workshops, workshopLive } = services();
  const groups = await workshops.makeGroups(workshopId, body.data.count);
  await workshopLive.refreezeGroups(workshopId);
  await workshopLive.publish(workshopId);
  return Response.json({ ok: true, groups }, { status: 201 });
});
