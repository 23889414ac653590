import { ImportDesignRequest } from '@/lib/protocol/http';
import { importDesign, MAX_IMPORT_BYTES } from '@/server/design-import';
import { readJsonBody } from '@/server/http';
import { requestPerson } from '@/server/request-person';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** A new design from an exported JSON file; a refused file answers 422 with the JSON path of the problem. */
export async function POST(req: Request): Promise<Response> {
  const body = await readJsonBody(req, ImportDesignRequest, MAX_IMPORT_BYTES);
  if (!body.ok) return body.response;
  const outcome = await importDesign(services().designs, await requestPerson(req), body.data.document, body.data.title);
  if (!outcome.ok) return Response.json(outcome, { status: 422 });
  return Response.json({ ok: true, design: outcome.design }, { status: 201 });
}
