import { CreateWorkshopRequest } from '@/lib/protocol/workshop-messages';
import { apiError, readJsonBody } from '@/server/http';
import { requestPerson } from '@/server/request-person';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** The workshops you run or take part in. */
export async function GET(req: Request): Promise<Response> {
  const person = await requestPerson(req);
  return Response.json({ ok: true, workshops: await services().workshops.listMine(person.id) });
}

/** A new workshop, run by whoever creates it: its join link and code come back. */
export async function POST(req: Request): Promise<Response> {
  const body = await readJsonBody(req, CreateWorkshopRequest);
  if (!body.ok) return body.response;
  const made = await services().workshops.create(await requestPerson(req), body.data);
  if (!made.ok) return apiError(made.code === 'not-found' ? 404 : 400, made.code, made.message);
  const { id, joinCode, joinToken } = made.workshop;
  return Response.json({ ok: true, workshop: { id, joinCode, joinLink: `/w/join/${joinToken}` } }, { status: 201 });
}
