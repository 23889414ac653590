import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '../lib/protocol/messages.ts';
import { DesignStore } from './design-store.ts';
import { Accounts } from './access/accounts.ts';
import { People } from './access/people.ts';
import { GUEST_COOKIE, GuestIdentities } from './identity.ts';
import type { JobRequest, JobRunner } from './jobs/index.ts';
import { CONNECTION_LIMITS, MAX_SOCKET_MESSAGE_BYTES } from './rate-limit.ts';
import { Realtime } from './realtime.ts';
import { createTestDatabase } from './test-database.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Answer = { ok: boolean; code?: string; message?: string };

describe('abuse limits per connection: a flood is refused or dropped, the room keeps working for everyone else', () => {
  let http: HttpServer;
  let realtime: Realtime;
  let store: DesignStore;
  let dispose: () => Promise<void>;
  let url: string;
  let designId: string;
  const queued: JobRequest[] = [];
  const identities = new GuestIdentities('a'.repeat(32));
  const clients: Client[] = [];
  const runner: JobRunner = {
    submit: async (request) => {
      queued.push(request);
      return { ok: true };
    },
    cancel: async () => false,
    jobsOf: async () => [],
    subscribe: () => () => undefined,
    close: async () => undefined,
  };

  beforeEach(async () => {
    queued.length = 0;
    const database = await createTestDatabase();
    dispose = database.dispose;
    store = new DesignStore(database.db, { url: database.url });
    http = createServer();
    // Everyone may edit: these tests are about malformed input and floods, not roles (app/api/designs/permission-matrix.test.ts).
    const everyoneEdits = { roleOf: async () => 'editor' as const };
    realtime = new Realtime(http, store, new People(identities, new Accounts(database.db)), everyoneEdits, pino({ level: 'silent' }), runner);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    designId = (await store.create({ id: 'g_owner00000', name: 'Owner' })).id;
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await realtime.close();
    await dispose();
  });

  function client(): Client {
    const c: Client = connect(url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: `${GUEST_COOKIE}=${identities.encode(identities.newGuest())}` },
      reconnection: false,
    });
    clients.push(c);
    return c;
  }
  const ask = (c: Client, event: 'design:join' | 'op:submit' | 'job:start' | 'job:cancel', msg: unknown) =>
    new Promise<Answer>((resolve) => (c.emit as (e: string, m: unknown, ack: (a: Answer) => void) => void)(event, msg, resolve));
  const join = (c: Client) => ask(c, 'design:join', { protocol: PROTOCOL_VERSION, designId });
  const addNode = (id: string) => ({ type: 'addNode', node: { id, type: 'layer-norm', params: {}, position: { x: 0, y: 0 } } });

  it('ops: a burst passes, the rest of a flood is refused as rate-limited, and others still edit at once', async () => {
    const flooder = client();
    const other = client();
    expect(await join(flooder)).toMatchObject({ ok: true });
    expect(await join(other)).toMatchObject({ ok: true });
    const answers = await Promise.all(Array.from({ length: 150 }, (_, i) => ask(flooder, 'op:submit', { clientOpId: `f${i}`, baseVersion: 0, op: addNode(`n${i}`) })));
    const accepted = answers.filter((a) => a.ok).length;
    const limited = answers.filter((a) => a.code === 'rate-limited');
    expect(accepted).toBeGreaterThanOrEqual(CONNECTION_LIMITS.ops.burst);
    expect(accepted).toBeLessThan(100);
    expect(limited.length).toBe(150 - accepted);
    expect(limited[0].message).toBe('Too many edits at once: slow down a little.');
    // The room is not stuck: someone else's edit goes through right away, after everything accepted.
    expect(await ask(other, 'op:submit', { clientOpId: 'o1', baseVersion: accepted, op: addNode('other') })).toMatchObject({ ok: true, version: accepted + 1 });
    expect((await store.get(designId))?.version).toBe(accepted + 1);
  });

  it('cursor, selection and viewport floods are dropped cheaply: the others hear a trickle and the flooder is still answered', async () => {
    const flooder = client();
    const observer = client();
    await join(flooder);
    await join(observer);
    let heard = 0;
    for (const event of ['presence:cursors', 'presence:selection', 'presence:viewport'] as const) observer.on(event, () => heard++);
    const started = Date.now();
    for (let i = 0; i < 3_000; i++) {
      flooder.emit('presence:cursor', { x: i, y: i });
      flooder.emit('presence:selection', { nodeIds: [`n${i}`] });
      flooder.emit('presence:viewport', { x: i, y: 0, zoom: 1 });
    }
    const answer = await ask(flooder, 'job:cancel', { jobId: 'none' });
    expect(answer).toMatchObject({ ok: false, code: 'not-found' });
    await new Promise((r) => setTimeout(r, 200));
    const seconds = (Date.now() - started) / 1000;
    // 9,000 messages sent; at most the burst plus the refill rate got through.
    expect(heard).toBeLessThanOrEqual(CONNECTION_LIMITS.presence.burst + Math.ceil(seconds * CONNECTION_LIMITS.presence.perSecond) + 1);
    expect(heard).toBeGreaterThan(0);
  });

  it('job requests: a burst is queued, the rest refused as rate-limited with a reason', async () => {
    const c = client();
    await join(c);
    const answers = await Promise.all(Array.from({ length: 30 }, () => ask(c, 'job:start', { kind: 'run' })));
    const refused = answers.filter((a) => a.code === 'rate-limited');
    expect(queued.length).toBe(answers.filter((a) => a.ok).length);
    expect(queued.length).toBeGreaterThanOrEqual(CONNECTION_LIMITS.jobs.burst);
    expect(queued.length).toBeLessThanOrEqual(CONNECTION_LIMITS.jobs.burst + 2);
    expect(refused.length).toBe(30 - queued.length);
    expect(refused[0].message).toMatch(/^Too many runs/);
  });

  it('joins: a reconnect loop is refused as rate-limited after a burst', async () => {
    const c = client();
    const answers = await Promise.all(Array.from({ length: 30 }, () => join(c)));
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(CONNECTION_LIMITS.joins.burst + 1);
    expect(answers.filter((a) => a.code === 'rate-limited').length).toBeGreaterThanOrEqual(30 - CONNECTION_LIMITS.joins.burst - 1);
  });

  it('a message over the maximum size closes only its own connection; the room and the server carry on', async () => {
    const big = client();
    const other = client();
    await join(big);
    await join(other);
    const closed = new Promise<string>((resolve) => big.on('disconnect', resolve));
    big.emit('op:submit', { clientOpId: 'big', baseVersion: 0, op: { type: 'renameDesign', title: 'x'.repeat(MAX_SOCKET_MESSAGE_BYTES + 10) } }, () => undefined);
    expect(await closed).toBe('transport close');
    expect(await ask(other, 'op:submit', { clientOpId: 'o', baseVersion: 0, op: addNode('still') })).toMatchObject({ ok: true, version: 1 });
    const late = client();
    expect(await join(late)).toMatchObject({ ok: true, version: 1 });
  });
});
