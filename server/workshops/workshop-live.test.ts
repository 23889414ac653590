import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { PROTOCOL_VERSION, type ClientToServerEvents, type JoinAnswer, type ServerToClientEvents, type SubmitAnswer } from '../../lib/protocol/messages.ts';
import type { ControlAnswer, JoinWorkshopAnswer, WorkshopClientEvents, WorkshopLiveState, WorkshopServerEvents } from '../../lib/protocol/workshop-messages.ts';
import { FROZEN_REASON } from '../../lib/workshop/controls.ts';
import { Accounts } from '../access/accounts.ts';
import { DesignAccess } from '../access/design-access.ts';
import { People } from '../access/people.ts';
import { DesignStore } from '../design-store.ts';
import { GUEST_COOKIE, GuestIdentities } from '../identity.ts';
import { Realtime } from '../realtime.ts';
import { RedisCluster } from '../cluster/redis-cluster.ts';
import { createTestDatabase, TEST_CLUSTER_PROVIDERS } from '../test-database.ts';
import { WorkshopLive } from './workshop-live.ts';
import { WorkshopStore } from './workshop-store.ts';

type WsClient = Socket<WorkshopServerEvents, WorkshopClientEvents>;
type RoomClient = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('WorkshopLive: real socket.io clients on the workshop channel', () => {
  let http: HttpServer;
  let realtime: Realtime;
  let designs: DesignStore;
  let access: DesignAccess;
  let store: WorkshopStore;
  let url: string;
  let dispose: () => Promise<void>;
  let workshop: { id: string; joinCode: string };
  const identities = new GuestIdentities('w'.repeat(32));
  const sockets: Array<{ disconnect(): void }> = [];
  const teacher = { ...identities.newGuest(), name: 'Teacher' };
  const ada = { ...identities.newGuest(), name: 'Ada' };
  const bob = { ...identities.newGuest(), name: 'Bob' };
  const stranger = { ...identities.newGuest(), name: 'Stranger' };

  beforeEach(async () => {
    const database = await createTestDatabase();
    dispose = database.dispose;
    designs = new DesignStore(database.db, { url: database.url });
    access = new DesignAccess(database.db);
    http = createServer();
    const people = new People(identities, new Accounts(database.db));
    realtime = new Realtime(http, designs, people, access, pino({ level: 'silent' }));
    store = new WorkshopStore(database.db, designs, access);
    const live = new WorkshopLive(realtime, store, people, pino({ level: 'silent' }));
    await live.start();
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const made = await store.create(teacher, { title: 'Live', starter: { kind: 'template', template: 'tiny-encoder-classifier' }, grouping: 'auto', groupSize: 1, groupCount: 1 });
    if (!made.ok) throw new Error(made.message);
    workshop = made.workshop;
    await store.join(ada, { code: workshop.joinCode }, 'Ada');
    await store.join(bob, { code: workshop.joinCode }, 'Bob');
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await realtime.close();
    await designs.close();
    await dispose();
  });

  const cookie = (who: typeof ada) => ({ cookie: `${GUEST_COOKIE}=${identities.encode(who)}` });
  function channel(who: typeof ada): WsClient {
    const c: WsClient = connect(`${url}/workshop`, { path: '/socket.io', transports: ['websocket'], extraHeaders: cookie(who), reconnection: false, forceNew: true });
    sockets.push(c);
    return c;
  }
  function room(who: typeof ada): RoomClient {
    const c: RoomClient = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: cookie(who), reconnection: false, forceNew: true });
    sockets.push(c);
    return c;
  }
  const join = (c: WsClient, msg: unknown = { workshopId: workshop.id }) => new Promise<JoinWorkshopAnswer>((r) => c.emit('workshop:join', msg, r));
  const control = (c: WsClient, msg: unknown) => new Promise<ControlAnswer>((r) => c.emit('workshop:control', msg, r));
  const joinDesign = (c: RoomClient, designId: string) => new Promise<JoinAnswer>((r) => c.emit('design:join', { protocol: PROTOCOL_VERSION, designId }, r));
  const submit = (c: RoomClient, clientOpId: string, op: unknown) => new Promise<SubmitAnswer>((r) => c.emit('op:submit', { clientOpId, baseVersion: 0, op }, r));
  const nextState = (c: WsClient, check: (s: WorkshopLiveState) => boolean) =>
    new Promise<WorkshopLiveState>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no such state arrived')), 5000);
      const on = (s: WorkshopLiveState) => {
        if (!check(s)) return;
        clearTimeout(timer);
        c.off('workshop:state', on);
        resolve(s);
      };
      c.on('workshop:state', on);
    });
  const moveOp = (id: string) => ({ type: 'moveNodes', moves: [{ id, position: { x: 500, y: 500 } }] });

  it('a non-member cannot join the workshop channel, by workshop or by group design', async () => {
    const [g1] = await store.groups(workshop.id);
    const s = channel(stranger);
    expect(await join(s)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await join(s, { designId: g1.designId })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await join(s, { workshopId: '../etc' })).toMatchObject({ ok: false, code: 'bad-message' });
    // And having failed to join, cannot control it either.
    expect(await control(s, { kind: 'freeze' })).toMatchObject({ ok: false, code: 'not-joined' });
  });

  it('a participant cannot send instructor controls; the instructor can, and everyone hears', async () => {
    const t = channel(teacher);
    const a = channel(ada);
    expect(await join(t)).toMatchObject({ ok: true, you: { role: 'instructor' } });
    expect(await join(a)).toMatchObject({ ok: true, you: { role: 'participant' } });
    for (const kind of ['freeze', 'follow', 'timer-stop', 'spotlight-end']) {
      expect(await control(a, { kind })).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await control(a, { kind: 'broadcast', text: 'hi all' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await control(t, { kind: 'broadcast', text: '' })).toMatchObject({ ok: false, code: 'bad-message' });
    expect(await control(t, { kind: 'launch-missiles' })).toMatchObject({ ok: false, code: 'bad-message' });

    const heard = nextState(a, (s) => s.broadcast?.text === 'Five minutes left');
    expect(await control(t, { kind: 'broadcast', text: 'Five minutes left' })).toEqual({ ok: true });
    await heard;
    const timed = nextState(a, (s) => s.timer !== null);
    await control(t, { kind: 'timer', seconds: 300, label: 'Exercise 1' });
    const { timer } = await timed;
    expect(timer!.label).toBe('Exercise 1');
    expect(Date.parse(timer!.endsAt) - Date.now()).toBeGreaterThan(290_000);
  });

  it('"follow me": the instructor’s view reaches participants only while following is on, and nobody else’s view does', async () => {
    const t = channel(teacher);
    const a = channel(ada);
    const b = channel(bob);
    await join(t);
    await join(a);
    await join(b);
    const seen: unknown[] = [];
    a.on('workshop:viewport', (v) => seen.push(v));
    t.emit('workshop:viewport', { x: 1, y: 2, zoom: 1 });
    b.emit('workshop:viewport', { x: 9, y: 9, zoom: 1 });
    const on = nextState(a, (s) => s.following);
    expect(await control(t, { kind: 'follow' })).toEqual({ ok: true });
    await on;
    b.emit('workshop:viewport', { x: 9, y: 9, zoom: 1 });
    t.emit('workshop:viewport', { x: 10, y: 20, zoom: 1.5 });
    t.emit('workshop:viewport', { x: 10, y: 20, zoom: 1000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([{ x: 10, y: 20, zoom: 1.5 }]);
    await control(t, { kind: 'unfollow' });
    t.emit('workshop:viewport', { x: 30, y: 40, zoom: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(1);
  });

  it('a frozen workshop refuses every edit in its group rooms with the reason, until unfrozen', async () => {
    const [g1] = await store.groups(workshop.id);
    const t = channel(teacher);
    await join(t);
    const r = room(ada);
    const joined = await joinDesign(r, g1.designId);
    expect(joined).toMatchObject({ ok: true, role: 'editor' });
    const nodeId = joined.ok && joined.catchUp.kind === 'snapshot' ? joined.catchUp.doc.nodes[0].id : '';
    expect(await control(t, { kind: 'freeze' })).toEqual({ ok: true });
    const refused = await submit(r, 'c1', moveOp(nodeId));
    expect(refused).toMatchObject({ ok: false, code: 'refused-op', reason: FROZEN_REASON, clientOpId: 'c1' });
    expect(refused.ok ? '' : refused.message).toMatch(/frozen/);
    expect((await designs.get(g1.designId))!.version).toBe(1);
    await control(t, { kind: 'unfreeze' });
    expect(await submit(r, 'c2', moveOp(nodeId))).toMatchObject({ ok: true, version: 2 });
  });

  it('a new starter replaces every group design as one edit in its history', async () => {
    const groups = await store.groups(workshop.id);
    const t = channel(teacher);
    await join(t);
    expect(await control(t, { kind: 'starter', starter: { kind: 'blank' } })).toEqual({ ok: true });
    for (const g of groups) {
      const d = await designs.get(g.designId);
      expect(d!.version).toBe(2);
      expect(d!.state.doc.nodes).toEqual([]);
      const [op] = await designs.opsSince(g.designId, 1);
      expect(op.op).toMatchObject({ type: 'restoreVersion', fromVersion: -1 });
      expect(op.author.id).toBe(teacher.id);
    }
  });

  it('the help queue: a group raises a hand, the instructor sees it in order and answers it', async () => {
    const t = channel(teacher);
    const a = channel(ada);
    const b = channel(bob);
    await join(t);
    await join(a);
    await join(b);
    expect(await new Promise<ControlAnswer>((r) => t.emit('workshop:raise-hand', { note: 'x' }, r))).toMatchObject({ ok: false, code: 'forbidden' });
    const queued = nextState(t, (s) => s.helpQueue.length === 2);
    await new Promise<ControlAnswer>((r) => b.emit('workshop:raise-hand', { note: 'our mask?' }, r));
    await new Promise<ControlAnswer>((r) => a.emit('workshop:raise-hand', { note: 'shapes' }, r));
    const state = await queued;
    expect(state.helpQueue.map((h) => [h.raisedBy, h.note])).toEqual([
      ['Bob', 'our mask?'],
      ['Ada', 'shapes'],
    ]);
    // A participant sees only their own group's request.
    const adaSees = await join(a);
    expect(adaSees.ok && adaSees.state.helpQueue.map((h) => h.raisedBy)).toEqual(['Ada']);
    const answered = nextState(t, (s) => s.helpQueue.length === 1);
    expect(await control(a, { kind: 'answer', requestId: state.helpQueue[0].id })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await control(t, { kind: 'answer', requestId: state.helpQueue[0].id })).toEqual({ ok: true });
    expect((await answered).helpQueue[0].raisedBy).toBe('Ada');
  });

  it('a spotlight lets every participant open the spotlit design read-only, and ending it takes them out', async () => {
    const [g1] = await store.groups(workshop.id); // Ada's
    const t = channel(teacher);
    await join(t);
    const b = room(bob);
    expect(await joinDesign(b, g1.designId)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await control(t, { kind: 'spotlight', groupId: g1.id })).toEqual({ ok: true });
    const seen = await joinDesign(b, g1.designId);
    expect(seen).toMatchObject({ ok: true, role: 'viewer' });
    expect(await submit(b, 'x', moveOp('any'))).toMatchObject({ ok: false, code: 'forbidden' });
    const lost = new Promise((r) => b.on('access:changed', r));
    await control(t, { kind: 'spotlight-end' });
    expect(await lost).toEqual({ designId: g1.designId, role: null });
  });
});

describe.each(TEST_CLUSTER_PROVIDERS)('WorkshopLive on two instances sharing one %s database and one Redis', (provider) => {
  const identities = new GuestIdentities('w'.repeat(32));
  const teacher = { ...identities.newGuest(), name: 'Teacher' };
  const ada = { ...identities.newGuest(), name: 'Ada' };
  const log = pino({ level: 'silent' });
  const closers: Array<() => Promise<unknown>> = [];
  const sockets: Array<{ disconnect(): void }> = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const close of closers.splice(0).reverse()) await close();
  });

  /** One server instance in this process: its own HTTP server, socket.io, rooms and Redis connections. */
  async function instance(database: Awaited<ReturnType<typeof createTestDatabase>>) {
    const http = createServer();
    const people = new People(identities, new Accounts(database.db));
    const cluster = await RedisCluster.connect(process.env.TEST_REDIS_URL!, log);
    const designs = new DesignStore(database.db);
    const realtime = new Realtime(http, designs, people, new DesignAccess(database.db), log, null, null, null, cluster);
    const store = new WorkshopStore(database.db, designs, new DesignAccess(database.db));
    const live = new WorkshopLive(realtime, store, people, log, true);
    await live.start();
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    closers.push(() => cluster.close(), () => realtime.close());
    return { store, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  }

  const cookie = (who: typeof ada) => ({ cookie: `${GUEST_COOKIE}=${identities.encode(who)}` });
  function client<T extends WsClient | RoomClient>(url: string, who: typeof ada): T {
    const c = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: cookie(who), reconnection: false, forceNew: true });
    sockets.push(c);
    return c as T;
  }
  const join = (c: WsClient, workshopId: string) => new Promise<JoinWorkshopAnswer>((r) => c.emit('workshop:join', { workshopId }, r));
  const control = (c: WsClient, msg: unknown) => new Promise<ControlAnswer>((r) => c.emit('workshop:control', msg, r));
  const submit = (c: RoomClient, clientOpId: string, op: unknown) => new Promise<SubmitAnswer>((r) => c.emit('op:submit', { clientOpId, baseVersion: 0, op }, r));
  /** Until `check` passes (another instance hears of a change a moment after the answer). */
  async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
    for (let started = Date.now(); ; ) {
      const value = await read();
      if (check(value) || Date.now() - started > 5000) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('the instructor on one instance freezes, follows and broadcasts: a participant on the other is held back and sees it', async () => {
    const database = await createTestDatabase(provider);
    closers.push(database.dispose);
    const a = await instance(database);
    const b = await instance(database);
    const made = await a.store.create(teacher, { title: 'Two', starter: { kind: 'template', template: 'tiny-encoder-classifier' }, grouping: 'auto', groupSize: 1, groupCount: 1 });
    if (!made.ok) throw new Error(made.message);
    await a.store.join(ada, { code: made.workshop.joinCode }, 'Ada');
    const [group] = await a.store.groups(made.workshop.id);

    const t = client<WsClient>(`${a.url}/workshop`, teacher);
    expect(await join(t, made.workshop.id)).toMatchObject({ ok: true });
    const r = client<RoomClient>(b.url, ada);
    const joined = await new Promise<JoinAnswer>((res) => r.emit('design:join', { protocol: PROTOCOL_VERSION, designId: group.designId }, res));
    const nodeId = joined.ok && joined.catchUp.kind === 'snapshot' ? joined.catchUp.doc.nodes[0].id : '';
    const move = (x: number) => ({ type: 'moveNodes', moves: [{ id: nodeId, position: { x, y: 0 } }] });

    expect(await control(t, { kind: 'freeze' })).toEqual({ ok: true });
    const refused = await eventually(() => submit(r, `c${Math.random()}`, move(1)), (answer) => !answer.ok);
    expect(refused).toMatchObject({ ok: false, code: 'refused-op', reason: FROZEN_REASON });

    await control(t, { kind: 'follow' });
    await control(t, { kind: 'broadcast', text: 'Eyes on the projector' });
    // Someone who joins the channel on the other instance afterwards gets the state as it is.
    const p = client<WsClient>(`${b.url}/workshop`, ada);
    const seen = await eventually(
      () => join(p, made.workshop.id),
      (answer) => answer.ok && answer.state.following && answer.state.broadcast?.text === 'Eyes on the projector',
    );
    expect(seen).toMatchObject({ ok: true, state: { frozen: true, following: true, broadcast: { text: 'Eyes on the projector' } } });

    await control(t, { kind: 'unfreeze' });
    expect(await eventually(() => submit(r, `c${Math.random()}`, move(2)), (answer) => answer.ok)).toMatchObject({ ok: true });
  });
});
