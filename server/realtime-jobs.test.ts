import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { templateDocument } from '../lib/design/templates/index.ts';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type JobEventMessage,
  type JoinAnswer,
  type ServerToClientEvents,
  type StartJobAnswer,
  type SubmitAnswer,
} from '../lib/protocol/messages.ts';
import type { RunResult } from '../lib/compile/index.ts';
import { DesignStore } from './design-store.ts';
import { GUEST_COOKIE, GuestIdentities } from './identity.ts';
import { WorkerPool } from './jobs/index.ts';
import { Realtime } from './realtime.ts';
import { RunStore } from './run-store.ts';
import { createTestDatabase } from './test-database.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('runs through the room: a real worker pool and real socket.io clients', () => {
  let http: HttpServer;
  let realtime: Realtime;
  let jobs: WorkerPool;
  let url: string;
  let designId: string;
  let dispose: () => Promise<void>;
  const identities = new GuestIdentities('y'.repeat(32));
  const clients: Client[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase();
    dispose = database.dispose;
    const store = new DesignStore(database.db);
    jobs = await WorkerPool.start({ workers: 1 });
    http = createServer();
    realtime = new Realtime(http, store, identities, pino({ level: 'silent' }), jobs, new RunStore(database.db));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    designId = (await store.create({ id: 'g_owner00000', name: 'Owner' })).id;
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await jobs.close();
    await realtime.close();
    await dispose();
  });

  function client(name: string): Client {
    const c: Client = connect(url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: `${GUEST_COOKIE}=${identities.encode({ ...identities.newGuest(), name })}` },
      reconnection: false,
    });
    clients.push(c);
    return c;
  }
  const join = (c: Client) =>
    new Promise<JoinAnswer>((resolve) => c.emit('design:join', { protocol: PROTOCOL_VERSION, designId }, resolve));

  it('a run started by one person reaches everyone, and a late joiner gets the result', async () => {
    const template = templateDocument('tiny-transformer');
    if (!template.ok) throw new Error(template.message);
    const builder = client('Builder');
    const watcher = client('Watcher');
    await join(builder);
    await join(watcher);
    const added = await new Promise<SubmitAnswer>((r) =>
      builder.emit('op:submit', { clientOpId: 'tpl', baseVersion: 0, op: { type: 'addNodes', nodes: template.doc.nodes, edges: template.doc.edges } }, r),
    );
    expect(added).toMatchObject({ ok: true, version: 1 });

    const seen: JobEventMessage[] = [];
    const done = new Promise<void>((resolve) =>
      watcher.on('job:event', (e) => {
        seen.push(e);
        if (e.type === 'result' || e.type === 'failed' || e.type === 'cancelled') resolve();
      }),
    );
    const started = await new Promise<StartJobAnswer>((r) => builder.emit('job:start', { kind: 'run', seed: 1 }, r));
    expect(started.ok).toBe(true);
    await done;
    // A job that can start at once is never announced as queued.
    expect(seen.map((e) => e.type).filter((t) => t !== 'queued')).toEqual(['started', 'result']);
    const last = seen.at(-1)!;
    expect(last.type === 'result' && (last.result as RunResult).attention.length).toBeGreaterThan(0);

    const late = client('Late');
    const answer = await join(late);
    expect(answer.ok && answer.jobs.latest.run).toMatchObject({ type: 'result', job: { kind: 'run' } });
  });

  it('refuses a job request that is malformed or from someone not in the room', async () => {
    const stranger = client('Stranger');
    const notJoined = await new Promise<StartJobAnswer>((r) => stranger.emit('job:start', { kind: 'run' }, r));
    expect(notJoined).toMatchObject({ ok: false, code: 'not-joined' });
    await join(stranger);
    const bad = await new Promise<StartJobAnswer>((r) => stranger.emit('job:start', { kind: 'mine-bitcoin' }, r));
    expect(bad).toMatchObject({ ok: false, code: 'bad-message' });
    const cancelUnknown = await new Promise<{ ok: boolean }>((r) => stranger.emit('job:cancel', { jobId: 'nope' }, r));
    expect(cancelUnknown).toEqual({ ok: false });
  });
});
