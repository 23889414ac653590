import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import { freshDatabase, startServer, waitForUrl } from './support/server-process';

// These start their own server processes (the built app from `npm run test:e2e`).
test.describe('the server process', () => {
  test.describe.configure({ timeout: 120_000 });

  test('a bad setting stops it with one clear line naming the variable', async () => {
    const server = startServer({ PORT: 'abc' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toBe('multihead: Invalid PORT="abc": Invalid input: expected number, received NaN');
  });

  test('SIGTERM closes sockets and the database cleanly', async ({ request }) => {
    const server = startServer({ PORT: '0', DATABASE_URL: freshDatabase() });
    const url = await waitForUrl(server);
    expect((await request.get(`${url}/api/health`)).status()).toBe(200);
    server.signal('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"closed cleanly"');
  });

  test('a second signal exits at once, even while a slow request holds the shutdown', async () => {
    const server = startServer({ PORT: '0', DATABASE_URL: freshDatabase() });
    const url = new URL(await waitForUrl(server));
    // A request whose body never finishes keeps the HTTP server from closing.
    const slow = connect(Number(url.port), '127.0.0.1');
    await new Promise((r) => slow.once('connect', r));
    slow.write('POST /api/designs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    await new Promise((r) => setTimeout(r, 300));

    server.signal('SIGTERM');
    await expect.poll(() => server.output()).toContain('shutting down');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.child.exitCode).toBeNull();
    server.signal('SIGINT');
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('second signal');
    slow.destroy();
  });
});
