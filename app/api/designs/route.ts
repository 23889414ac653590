import { CreateDesignRequest } from '@/lib/protocol/http';
import { readJsonBody } from '@/server/http';
import { requestPerson } from '@/server/request-person';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Your designs: the ones you own ("mine") and the ones shared with you, with your role on each. */
export async function GET(req: Request): Promise<Response> {
  const person = await requestPerson(req);
  const { designs, access } = services();
  const [mine, shared] = await Promise.all([designs.list(200, person.id), access.sharedWith(person.id)]);
  return Response.json({ ok: true, mine, shared });
}

export async function POST(req: Request): Promise<Response> {
  const body = await readJsonBody(req, CreateDesignRequest);
  if (!body.ok) return body.response;
  const design = await services().designs.create(await requestPerson(req), body.data.title);
  return Response.json({ ok: true, design }, { status: 201 });
}
