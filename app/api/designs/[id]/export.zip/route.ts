import { compileDesign } from '@/lib/compile';
import { pytorchExportZip } from '@/lib/export';
import { roomFromUrl } from '@/server/design-room-lookup';
import { exportFileName } from '@/lib/export/file-name';
import { apiError } from '@/server/http';

export const dynamic = 'force-dynamic';

/**
 * The design as PyTorch: model.py, weights.safetensors, config.json, README.md.
 * The weights are the design's initial ones, from its seed: trained weights
 * are not stored on the server (train from the CLI and export with --weights).
 */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const room = await roomFromUrl((await params).id);
  if (!room) return apiError(404, 'not-found', 'No design has this id.');
  const { state } = room.current;
  const compiled = compileDesign(state.doc);
  if (!compiled.ok) return apiError(422, compiled.code, compiled.message);
  const seed = compiled.model.seed;
  const zip = pytorchExportZip(compiled.model, state.title, { kind: 'initial', description: `initial weights from seed ${seed}` });
  return new Response(new Uint8Array(zip), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${exportFileName(state.title, 'zip')}"`,
      'cache-control': 'no-store',
    },
  });
}
