import { exportFileName } from '@/lib/export/file-name';
import { designRoute } from '@/server/access/design-route';
import { apiError } from '@/server/http';
import { designPytorchExport } from '@/server/pytorch-export';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** The design as PyTorch (model.py, weights.safetensors, config.json, README.md), with its latest trained weights when they fit. */
export const GET = designRoute<{ id: string }>('export', async (_req, { room }) => {
  const { state } = room.current;
  const exported = designPytorchExport(state, await services().runs.latestWeights(room.designId));
  if (!exported.ok) return apiError(422, exported.code, exported.message);
  return new Response(new Uint8Array(exported.zip), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${exportFileName(state.title, 'zip')}"`,
      'cache-control': 'no-store',
    },
  });
});
