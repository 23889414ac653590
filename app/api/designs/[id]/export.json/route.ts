import { designRoute } from '@/server/access/design-route';
import { exportFileName } from '@/lib/export/file-name';

export const dynamic = 'force-dynamic';

/** The design's document at its latest version, as a file (the format `multihead` and the import read). */
export const GET = designRoute<{ id: string }>('export', async (_req, { room }) => {
  const { state } = room.current;
  return new Response(`${JSON.stringify(state.doc, null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(state.title, 'json')}"`,
      'cache-control': 'no-store',
    },
  });
});
