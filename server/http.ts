import type { z } from 'zod';
import type { ApiError } from '../lib/protocol/http.ts';
import { issueMessage } from '../lib/protocol/issue-message.ts';

/** A JSON error answer: `{ ok: false, code, message }` with an HTTP status. */
export function apiError(status: number, code: string, message: string): Response {
  const body: ApiError = { ok: false, code, message };
  return Response.json(body, { status });
}

const MAX_BODY_BYTES = 64 * 1024;

/** Reads and validates a JSON body; a bad body becomes a 4xx answer, never a throw. */
export async function readJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const text = await readCapped(req, maxBytes);
  if (text === null) return { ok: false, response: apiError(413, 'too-large', `The request body is larger than ${maxBytes} bytes.`) };
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(400, 'bad-json', 'The request body is not valid JSON.') };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, response: apiError(400, 'bad-request', issueMessage(parsed.error)) };
  return { ok: true, data: parsed.data };
}

/** The body as text, or null once it passes `maxBytes`: an oversized body is never held in memory whole. */
async function readCapped(req: Request, maxBytes: number): Promise<string | null> {
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) return null;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
