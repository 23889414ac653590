import { services } from '@/server/services';
import { groupStatuses } from '@/server/workshops/group-status';
import { workshopRoute } from '@/server/workshops/workshop-route';

export const dynamic = 'force-dynamic';

/** Every group's room now, for the instructor's dashboard. */
export const GET = workshopRoute('instructor', async (_req, { workshopId }) => {
  const { workshops, designs, runs, realtime } = services();
  return Response.json({ ok: true, groups: await groupStatuses(workshopId, { workshops, designs, runs, realtime }) });
});
