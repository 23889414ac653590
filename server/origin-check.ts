import type { IncomingHttpHeaders } from 'node:http';

/** Methods that change something: the ones a forged cross-site request must not get through. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type OriginVerdict = { ok: true } | { ok: false; message: string };

/**
 * Which requests may come from a browser page (CSRF and cross-site WebSocket
 * hijacking): a browser names the page's origin in `Origin` on every
 * state-changing request and every WebSocket, so that origin must be this
 * server's own — the one the request was sent to (its Host), or PUBLIC_ORIGIN
 * when a proxy puts the app at another address. Without `Origin`, a browser's
 * `Sec-Fetch-Site` must say same-origin. A request with neither header does not
 * come from a browser (curl, the CLI, scripts): it carries no visitor's cookie
 * by accident, so it is let through.
 */
export class OriginPolicy {
  constructor(private readonly publicOrigin?: string) {}

  check(headers: IncomingHttpHeaders): OriginVerdict {
    const origin = single(headers.origin);
    if (origin !== undefined) {
      if (this.isOwn(origin, single(headers.host))) return { ok: true };
      return { ok: false, message: `Requests from another site (${origin.slice(0, 100)}) are refused.` };
    }
    const site = single(headers['sec-fetch-site']);
    if (site === undefined || site === 'same-origin') return { ok: true };
    return { ok: false, message: 'Requests from another site are refused.' };
  }

  allows(headers: IncomingHttpHeaders): boolean {
    return this.check(headers).ok;
  }

  /** The check for an HTTP request: only state-changing methods are held to it. */
  checkRequest(method: string | undefined, headers: IncomingHttpHeaders): OriginVerdict {
    return STATE_CHANGING.has((method ?? 'GET').toUpperCase()) ? this.check(headers) : { ok: true };
  }

  private isOwn(origin: string, host: string | undefined): boolean {
    let url: URL;
    try {
      url = new URL(origin); // "null" (sandboxed frames, file: pages) does not parse and is refused
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (this.publicOrigin !== undefined && url.origin === this.publicOrigin) return true;
    return host !== undefined && url.host === host.toLowerCase();
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
