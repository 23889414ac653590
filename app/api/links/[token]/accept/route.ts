import { apiError } from '@/server/http';
import { requestPerson } from '@/server/request-person';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Opens a share link: you become a member of its design with its role. An unknown, revoked or expired link is a 404. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const accepted = await services().access.acceptLink((await params).token, (await requestPerson(req)).id);
  if (!accepted) return apiError(404, 'no-such-link', 'This link does not work (any more): ask for a new one.');
  return Response.json({ ok: true, ...accepted });
}
