import { describe, expect, it } from 'vitest';
import { OriginPolicy } from './origin-check.ts';

describe('OriginPolicy: state-changing requests only from this server\'s own pages', () => {
  const policy = new OriginPolicy();
  const host = 'localhost:3000';

  it('lets a page of this server through, by the Host it was sent to', () => {
    expect(policy.checkRequest('POST', { host, origin: 'http://localhost:3000' })).toEqual({ ok: true });
    expect(policy.checkRequest('PATCH', { host: 'LOCALHOST:3000', origin: 'http://localhost:3000' }).ok).toBe(true);
  });

  it('refuses another site, another port, a null origin and a non-web scheme', () => {
    for (const origin of ['http://evil.example', 'http://localhost:3001', 'null', 'file:///tmp/x.html', 'not a url']) {
      const verdict = policy.checkRequest('POST', { host, origin });
      expect(verdict.ok, origin).toBe(false);
    }
    expect(policy.checkRequest('DELETE', { host, origin: 'http://evil.example' })).toEqual({
      ok: false,
      message: 'Requests from another site (http://evil.example) are refused.',
    });
  });

  it('without Origin, trusts Sec-Fetch-Site only when it says same-origin', () => {
    expect(policy.checkRequest('POST', { host, 'sec-fetch-site': 'same-origin' }).ok).toBe(true);
    expect(policy.checkRequest('POST', { host, 'sec-fetch-site': 'cross-site' }).ok).toBe(false);
    expect(policy.checkRequest('POST', { host, 'sec-fetch-site': 'same-site' }).ok).toBe(false);
  });

  it('lets a non-browser client (no Origin, no Sec-Fetch-Site) through: it carries no visitor cookie by accident', () => {
    expect(policy.checkRequest('POST', { host }).ok).toBe(true);
  });

  it('does not hold reading requests to it', () => {
    expect(policy.checkRequest('GET', { host, origin: 'http://evil.example' }).ok).toBe(true);
    expect(policy.checkRequest('HEAD', { host, origin: 'http://evil.example' }).ok).toBe(true);
  });

  it('accepts PUBLIC_ORIGIN when a proxy serves the app at another address', () => {
    const proxied = new OriginPolicy('https://multihead.example.org');
    expect(proxied.checkRequest('POST', { host: '127.0.0.1:3000', origin: 'https://multihead.example.org' }).ok).toBe(true);
    expect(proxied.checkRequest('POST', { host: '127.0.0.1:3000', origin: 'http://multihead.example.org' }).ok).toBe(false);
  });

  it('holds socket.io handshakes (any method) to the same rule', () => {
    expect(policy.allows({ host, origin: 'http://evil.example' })).toBe(false);
    expect(policy.allows({ host, origin: 'http://localhost:3000' })).toBe(true);
    expect(policy.allows({ host })).toBe(true);
  });
});
