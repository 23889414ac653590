import { RenameDesignRequest } from '@/lib/protocol/http';
import { DesignId } from '@/lib/protocol/messages';
import { apiError, readJsonBody } from '@/server/http';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function GET(_req: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const design = DesignId.safeParse(id).success ? await services().designs.get(id) : null;
  if (!design) return apiError(404, 'not-found', 'No design has this id.');
  return Response.json({ ok: true, design });
}

/** Rename. Everyone in the design's room sees the new title at once. */
export async function PATCH(req: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  if (!DesignId.safeParse(id).success) return apiError(404, 'not-found', 'No design has this id.');
  const body = await readJsonBody(req, RenameDesignRequest);
  if (!body.ok) return body.response;
  const { designs, realtime } = services();
  const design = await designs.rename(id, body.data.title, 'guest');
  if (!design) return apiError(404, 'not-found', 'No design has this id.');
  realtime.designRenamed({ designId: design.id, title: design.title, version: design.version });
  return Response.json({ ok: true, design });
}
