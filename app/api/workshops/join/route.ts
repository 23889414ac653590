import { JoinWorkshopRequest } from '@/lib/protocol/workshop-messages';
import { apiError, readJsonBody } from '@/server/http';
import { RateLimit } from '@/server/rate-limit';
import { requestPerson } from '@/server/request-person';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

// Codes are short: a person gets a few tries a minute, so nobody can walk the code space.
const attempts = new Map<string, RateLimit>();
const MAX_TRACKED = 10_000;

function mayTry(personId: string): boolean {
  let limit = attempts.get(personId);
  if (!limit) {
    if (attempts.size >= MAX_TRACKED) attempts.clear();
    limit = new RateLimit(10, 0.2);
    attempts.set(personId, limit);
  }
  return limit.take();
}

/** Join a workshop by its code or link, with the name the instructor will see. */
export async function POST(req: Request): Promise<Response> {
  const body = await readJsonBody(req, JoinWorkshopRequest);
  if (!body.ok) return body.response;
  const person = await requestPerson(req);
  if (!mayTry(person.id)) return apiError(429, 'rate-limited', 'Too many attempts to join: wait a minute and try again.');
  const { workshops, workshopLive } = services();
  const joined = await workshops.join(person, body.data, body.data.displayName);
  if (!joined.ok) return apiError(404, joined.code, joined.message);
  // A new group may have been opened: it is frozen when the workshop is, and the instructor sees it.
  await workshopLive.refreezeGroups(joined.workshopId);
  await workshopLive.publish(joined.workshopId);
  return Response.json({ ok: true, workshopId: joined.workshopId, groupId: joined.groupId });
}
