import { services } from '@/server/services';
import { workshopRoute } from '@/server/workshops/workshop-route';

export const dynamic = 'force-dynamic';

/** The workshop as you may see it: its groups and yours (the join code and link only for the instructor). */
export const GET = workshopRoute('member', async (_req, { workshopId, person }) => {
  const view = await services().workshops.view(workshopId, person.id);
  return Response.json({ ok: true, workshop: view });
});
