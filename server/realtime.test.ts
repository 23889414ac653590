import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import {
  PROTOCOL_VERSION,
  type AppliedOp,
  type ClientToServerEvents,
  type JoinAnswer,
  type ServerToClientEvents,
  type SubmitAnswer,
} from '../lib/protocol/messages.ts';
import { applyLoggedOp, type DesignState, type LoggedOp } from '../lib/design/design-state.ts';
import { emptyDesignDocument } from '../lib/design/document.ts';
import { DesignStore } from './design-store.ts';
import { GUEST_COOKIE, GuestIdentities } from './identity.ts';
import { Accounts } from './access/accounts.ts';
import { DesignAccess } from './access/design-access.ts';
import { People } from './access/people.ts';
import { Realtime } from './realtime.ts';
import { createTestDatabase, TEST_PROVIDERS } from './test-database.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe.each(TEST_PROVIDERS)('Realtime: real socket.io clients against the room pipeline (%s)', (provider) => {
  let http: HttpServer;
  let realtime: Realtime;
  let store: DesignStore;
  let url: string;
  let dispose: () => Promise<void>;
  let designId: string;
  const identities = new GuestIdentities('x'.repeat(32));
  const clients: Client[] = [];
  let access: DesignAccess;
  // Each test person is made an editor of the design before joining it (designs are private to their owner).
  const memberships: Promise<void>[] = [];

  beforeEach(async () => {
    const database = await createTestDatabase(provider);
    access = new DesignAccess(database.db);
    dispose = database.dispose;
    store = new DesignStore(database.db, { url: database.url });
    http = createServer();
    realtime = new Realtime(http, store, new People(identities, new Accounts(database.db)), access, pino({ level: 'silent' }));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    designId = (await store.create({ id: 'g_owner00000', name: 'Owner' })).id;
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await realtime.close();
    await store.close();
    await dispose();
  });

  function client(name: string): Client {
    const guest = { ...identities.newGuest(), name };
    memberships.push(access.addMember(designId, guest.id, 'editor'));
    const c: Client = connect(url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: `${GUEST_COOKIE}=${identities.encode(guest)}` },
      reconnection: false,
    });
    clients.push(c);
    return c;
  }

  const join = async (c: Client, sinceVersion?: number) =>
    Promise.all(memberships).then(() => new Promise<JoinAnswer>((resolve) => c.emit('design:join', { protocol: PROTOCOL_VERSION, designId, sinceVersion }, resolve)));
  const submit = (c: Client, clientOpId: string, op: unknown, baseVersion = 0) =>
    new Promise<SubmitAnswer>((resolve) => c.emit('op:submit', { clientOpId, baseVersion, op }, resolve));
  const collect = (c: Client) => {
    const seen: AppliedOp[] = [];
    c.on('op:applied', (m) => seen.push(m));
    return seen;
  };
  const until = async (check: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const addMha = { type: 'addNode', node: { id: 'mha', type: 'multi-head-attention', params: {}, position: { x: 0, y: 0 } } };

  it('joins with the state, the diagnostics and who is here', async () => {
    const ada = client('Ada Lovelace');
    const answer = await join(ada);
    expect(answer).toMatchObject({ ok: true, designId, version: 0, title: 'Untitled design', you: { name: 'Ada Lovelace' } });
    if (!answer.ok) return;
    expect(answer.catchUp.kind).toBe('snapshot');
    expect(answer.diagnostics.version).toBe(0);
    expect(answer.participants.map((p) => p.name)).toEqual(['Ada Lovelace']);
  });

  it('two people editing the same param at once end with the same state', async () => {
    const a = client('A');
    const b = client('B');
    await join(a);
    await join(b);
    const seenByA = collect(a);
    const seenByB = collect(b);
    expect(await submit(a, 'a0', addMha)).toMatchObject({ ok: true, version: 1 });
    await until(() => seenByB.length === 1);
    const [ra, rb] = await Promise.all([
      submit(a, 'a1', { type: 'setParams', id: 'mha', params: { heads: 2 } }, 1),
      submit(b, 'b1', { type: 'setParams', id: 'mha', params: { heads: 8 } }, 1),
    ]);
    expect(ra.ok && rb.ok).toBe(true);
    // Each side rebuilds the state from its own acks plus what it was told, in version order.
    const rebuild = (mine: Array<[number, unknown]>, told: AppliedOp[]) => {
      const all = [...mine.map(([version, op]) => ({ version, op })), ...told.map((t) => ({ version: t.version, op: t.op }))];
      let state: DesignState = { title: 'Untitled design', doc: emptyDesignDocument() };
      for (const { op } of all.sort((x, y) => x.version - y.version)) {
        const r = applyLoggedOp(state, op as LoggedOp);
        if (!r.ok) throw new Error(r.message);
        state = r.state;
      }
      return state;
    };
    await until(() => seenByA.length === 1 && seenByB.length === 2);
    const versionA = ra.ok ? ra.version : -1;
    const versionB = rb.ok ? rb.version : -1;
    const stateA = rebuild([[1, addMha], [versionA, { type: 'setParams', id: 'mha', params: { heads: 2 } }]], seenByA);
    const stateB = rebuild([[versionB, { type: 'setParams', id: 'mha', params: { heads: 8 } }]], seenByB);
    const stored = await store.get(designId);
    expect(stateA).toEqual(stored?.state);
    expect(stateB).toEqual(stored?.state);
    const last = versionA > versionB ? 2 : 8;
    expect(stored?.state.doc.nodes[0].params.heads).toBe(last);
  });

  it('sends the diagnostics of a burst of edits once, for the latest version', async () => {
    const a = client('A');
    const b = client('B');
    await join(a);
    await join(b);
    const versions: number[] = [];
    b.on('design:diagnostics', (m) => versions.push(m.version));
    await Promise.all(Array.from({ length: 5 }, (_, i) => submit(a, `r${i}`, { type: 'renameDesign', title: `t${i}` })));
    await until(() => versions.at(-1) === 5);
    expect(versions.length).toBeLessThan(5);
  });

  it('refuses an invalid edit with a reason, and nobody else hears of it', async () => {
    const a = client('A');
    const b = client('B');
    await join(a);
    await join(b);
    const seenByB = collect(b);
    const answer = await submit(a, 'bad', { type: 'setParams', id: 'nope', params: { heads: 3 } });
    expect(answer).toMatchObject({ ok: false, code: 'refused-op', reason: 'unknown-node', clientOpId: 'bad' });
    await submit(a, 'good', addMha);
    await until(() => seenByB.length === 1);
    expect(seenByB.map((o) => o.version)).toEqual([1]);
  });

  it('a reconnecting client gets exactly the ops it missed', async () => {
    const a = client('A');
    const b = client('B');
    await join(a);
    const first = await join(b);
    expect(first.ok && first.version).toBe(0);
    b.disconnect();
    await submit(a, 'a1', addMha);
    await submit(a, 'a2', { type: 'renameDesign', title: 'While you were away' });
    const back = client('B again');
    const answer = await join(back, 0);
    expect(answer.ok && answer.catchUp).toMatchObject({
      kind: 'ops',
      fromVersion: 0,
      ops: [
        { version: 1, op: addMha },
        { version: 2, op: { type: 'renameDesign', title: 'While you were away' } },
      ],
    });
  });

  it('announces arrivals and departures, and relays cursors in batches', async () => {
    const a = client('A');
    const b = client('B');
    await join(a);
    const joined: string[] = [];
    const left: string[] = [];
    const cursors: unknown[] = [];
    a.on('presence:joined', (p) => joined.push(p.name));
    a.on('presence:left', (p) => left.push(p.id));
    a.on('presence:cursors', (batch) => cursors.push(...batch.cursors));
    const bAnswer = await join(b);
    await until(() => joined.length === 1);
    expect(joined).toEqual(['B']);
    b.emit('presence:cursor', { x: 10, y: 20 });
    await until(() => cursors.length === 1);
    expect(cursors[0]).toMatchObject({ x: 10, y: 20, id: bAnswer.ok ? bAnswer.you.id : '' });
    b.emit('presence:cursor', { x: 'nope' });
    b.disconnect();
    await until(() => left.length === 1);
    expect(cursors).toHaveLength(1);
  });

  it('answers malformed messages with a refusal, never a crash', async () => {
    const a = client('A');
    const wrongProtocol = await new Promise<JoinAnswer>((r) => a.emit('design:join', { protocol: 1, designId }, r));
    expect(wrongProtocol).toMatchObject({ ok: false, code: 'protocol-mismatch' });
    const unknown = await new Promise<JoinAnswer>((r) => a.emit('design:join', { protocol: PROTOCOL_VERSION, designId: 'nope' }, r));
    expect(unknown).toMatchObject({ ok: false, code: 'not-found' });
    expect(await submit(a, 'x', addMha)).toMatchObject({ ok: false, code: 'not-joined' });
    const junk = await new Promise<SubmitAnswer>((r) => a.emit('op:submit', 'junk', r));
    expect(junk).toMatchObject({ ok: false, code: 'bad-message' });
  });

  it('limits a flood of edits from one connection', async () => {
    const a = client('A');
    await join(a);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => submit(a, `r${i}`, { type: 'renameDesign', title: `t${i}` })),
    );
    expect(answers.filter((x) => !x.ok && x.code === 'rate-limited').length).toBeGreaterThan(0);
    const stored = await store.get(designId);
    expect(stored?.version).toBe(answers.filter((x) => x.ok).length);
  });
});
