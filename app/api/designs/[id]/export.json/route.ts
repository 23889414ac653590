import { roomFromUrl } from '@/server/design-room-lookup';
import { exportFileName } from '@/lib/export/file-name';
import { apiError } from '@/server/http';

export const dynamic = 'force-dynamic';

/** The design's document at its latest version, as a file (the format `multihead` and the import read). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const room = await roomFromUrl((await params).id);
  if (!room) return apiError(404, 'not-found', 'No design has this id.');
  const { state } = room.current;
  return new Response(`${JSON.stringify(state.doc, null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(state.title, 'json')}"`,
      'cache-control': 'no-store',
    },
  });
}
