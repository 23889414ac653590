import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../lib/protocol/http.ts';
import type { OriginPolicy } from './origin-check.ts';
import { setSecurityHeaders } from './security-headers.ts';

/**
 * What every HTTP request meets before Next sees it: the security headers
 * go on its response, and a state-changing request from another site is
 * answered 403 here, so no route handler can forget the check.
 * Returns false when the request has been answered.
 */
export function guardRequest(req: IncomingMessage, res: ServerResponse, origins: OriginPolicy, headers: Record<string, string>): boolean {
  setSecurityHeaders(res, headers);
  const verdict = origins.checkRequest(req.method, req.headers);
  if (verdict.ok) return true;
  const body: ApiError = { ok: false, code: 'cross-origin', message: verdict.message };
  res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  return false;
}
