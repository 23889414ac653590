import { CreateDesignRequest } from '@/lib/protocol/http';
import { readJsonBody } from '@/server/http';
import { requestPerson } from '@/server/request-person';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  return Response.json({ ok: true, designs: await services().designs.list() });
}

export async function POST(req: Request): Promise<Response> {
  const body = await readJsonBody(req, CreateDesignRequest);
  if (!body.ok) return body.response;
  const design = await services().designs.create(requestPerson(req), body.data.title);
  return Response.json({ ok: true, design }, { status: 201 });
}
