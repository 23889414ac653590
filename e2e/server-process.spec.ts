import { connect } from 'node:net';
import { expect, test } from './support/test';
import { freshDatabase, startServer, waitForUrl } from './support/server-process';
import { PROTOCOL_VERSION } from '../lib/protocol/messages';

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

test('a server killed without warning and restarted loses no acknowledged edit', async () => {
  test.setTimeout(120_000);
  const { io } = await import('socket.io-client');
  const databaseUrl = freshDatabase();
  const first = startServer({ PORT: '0', DATABASE_URL: databaseUrl });
  const url = await waitForUrl(first);
  const response = await fetch(`${url}/api/designs`, { method: 'POST', body: '{}' });
  const designId = (await response.json()).design.id as string;
  // The design is private to the guest who made it: keep being that guest.
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

  const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  const join = await socket.timeout(10_000).emitWithAck('design:join', { protocol: PROTOCOL_VERSION, designId });
  expect(join.ok).toBe(true);
  const acked: number[] = [];
  for (let i = 0; i < 20; i++) {
    const answer = await socket.timeout(10_000).emitWithAck('op:submit', {
      clientOpId: `op-${i}`,
      baseVersion: i,
      op: { type: 'addNode', node: { id: `n${i}`, type: 'dropout', params: {}, position: { x: i * 10, y: 0 } } },
    });
    if (answer.ok) acked.push(answer.version);
  }
  expect(acked).toHaveLength(20);
  socket.disconnect();
  first.signal('SIGKILL');
  await first.exited;

  const second = startServer({ PORT: '0', DATABASE_URL: databaseUrl });
  const url2 = await waitForUrl(second);
  const design = (await (await fetch(`${url2}/api/designs/${designId}`, { headers: { cookie } })).json()).design;
  expect(design.version).toBe(20);
  expect(design.doc.nodes.map((n: { id: string }) => n.id)).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
  second.signal('SIGTERM');
  expect(await second.exited).toBe(0);
});
