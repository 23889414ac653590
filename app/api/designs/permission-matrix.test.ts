import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { DesignOp } from '@/lib/design/ops/schema';
import { PROTOCOL_VERSION, type ClientToServerEvents, type JoinAnswer, type ServerToClientEvents } from '@/lib/protocol/messages';
import type { Db } from '@/server/db';
import { DesignHistory } from '@/server/design-history';
import { DesignStore } from '@/server/design-store';
import { GUEST_COOKIE, GuestIdentities } from '@/server/identity';
import { WorkerPool } from '@/server/jobs/index';
import { Realtime } from '@/server/realtime';
import { RunStore } from '@/server/run-store';
import { provideServices, type Services } from '@/server/services';
import { createTestDatabase } from '@/server/test-database';
import { Accounts } from '@/server/access/accounts';
import { DesignAccess } from '@/server/access/design-access';
import { People } from '@/server/access/people';
import * as designRoute from './[id]/route';
import * as versionsRoute from './[id]/versions/route';
import * as opsRoute from './[id]/ops/route';
import * as exportRoute from './[id]/export.json/route';
import * as forkRoute from './[id]/fork/route';
import * as restoreRoute from './[id]/restore/route';
import * as runsRoute from './[id]/runs/route';
import * as linksRoute from './[id]/links/route';
import * as linkRoute from './[id]/links/[linkId]/route';
import * as visibilityRoute from './[id]/visibility/route';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type RoleCase = 'none' | 'viewer' | 'commenter' | 'editor' | 'owner' | 'revoked-link';
const ROLE_CASES: RoleCase[] = ['none', 'viewer', 'commenter', 'editor', 'owner', 'revoked-link'];

const OP_TYPES = DesignOp.options.map((o) => o.shape.type.value);
const COMMENT_OPS = ['addComment', 'replyComment', 'resolveComment'];
const HTTP_READS = ['http:read', 'http:runs', 'http:history', 'http:ops', 'http:export', 'http:fork'];
const SOCKET_ACTIONS = ['socket:join', ...OP_TYPES.map((t) => `op:${t}`), 'job:run', 'job:train', 'job:cancel'];
const ACTIONS = [...HTTP_READS, 'http:rename', 'http:restore', 'http:links-list', 'http:links-create', 'http:links-revoke', 'http:visibility', ...SOCKET_ACTIONS];

// The rules, written out by hand rather than derived from the table under test.
const VIEWER = new Set([...HTTP_READS, 'socket:join']);
const COMMENTER = new Set([...VIEWER, ...COMMENT_OPS.map((t) => `op:${t}`)]);
const EDITOR = new Set(ACTIONS.filter((a) => !a.startsWith('http:links') && a !== 'http:visibility'));
const ALLOWED: Record<RoleCase, Set<string>> = {
  none: new Set(),
  'revoked-link': new Set(),
  viewer: VIEWER,
  commenter: COMMENTER,
  editor: EDITOR,
  owner: new Set(ACTIONS),
};

const SAMPLED = new Set(['addNode', 'addComment', 'replyComment', 'resolveComment', 'moveNodes', 'renameDesign']);

/** A representative, valid op of each kind against the seeded design (node n1, comment c0). */
function sampleOp(type: string): unknown {
  const at = new Date().toISOString();
  switch (type) {
    case 'addNode':
      return { type, node: { id: 'n2', type: 'linear', params: {}, position: { x: 10, y: 10 } } };
    case 'addComment':
      return { type, comment: { id: 'c1', nodeId: null, author: 'x', text: 'Why pre-LN?', at, resolved: false, replies: [] } };
    case 'replyComment':
      return { type, commentId: 'c0', reply: { id: 'r1', author: 'x', text: 'Stability.', at } };
    case 'resolveComment':
      return { type, id: 'c0', resolved: true };
    case 'moveNodes':
      return { type, moves: [{ id: 'n1', position: { x: 50, y: 50 } }] };
    case 'renameDesign':
      return { type, title: 'Renamed' };
    default:
      // Enough to name the kind: the access check reads only the type; the room judges the rest.
      return { type };
  }
}

describe('permission matrix: every role × every action, over HTTP and real sockets', () => {
  let http: HttpServer;
  let url: string;
  let db: Db;
  let store: DesignStore;
  let access: DesignAccess;
  let realtime: Realtime;
  let jobs: WorkerPool;
  let dispose: () => Promise<void>;
  const identities = new GuestIdentities('m'.repeat(32));
  const owner = { id: 'g_matrixowner0', name: 'Owner', colour: '#000' };
  const clients: Client[] = [];
  const tally = { cases: 0, allowed: 0, refused: 0 };

  beforeAll(async () => {
    const database = await createTestDatabase();
    ({ db, dispose } = database);
    store = new DesignStore(db, { url: database.url });
    access = new DesignAccess(db);
    const accounts = new Accounts(db);
    const people = new People(identities, accounts);
    const runs = new RunStore(db);
    jobs = await WorkerPool.start({ workers: 1 });
    http = createServer();
    const log = pino({ level: 'silent' });
    realtime = new Realtime(http, store, people, access, log, jobs, runs);
    provideServices({ db, designs: store, history: new DesignHistory(store), runs, realtime, identities, people, accounts, access, jobs, log, version: 'test' } as unknown as Services);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await jobs.close();
    await realtime.close();
    await dispose();
    console.log(`permission matrix: ${tally.cases} cases (${ROLE_CASES.length} roles × ${ACTIONS.length} actions), ${tally.allowed} allowed and ${tally.refused} refused, each exactly as expected`);
  });

  /** A fresh design (one node, one comment) and a person with `role` on it, with the link that gave it. */
  async function setUp(role: RoleCase): Promise<{ designId: string; cookie: string; personId: string; linkId: string }> {
    const created = await store.create(owner);
    const node = { id: 'n1', type: 'linear', params: {}, position: { x: 0, y: 0 } };
    const room = (await realtime.rooms.room(created.id))!;
    await room.submit(owner, 'seed-node', { type: 'addNode', node });
    await room.submit(owner, 'seed-comment', { type: 'addComment', comment: { id: 'c0', nodeId: 'n1', author: 'Owner', text: 'Look here', at: new Date().toISOString(), resolved: false, replies: [] } });
    expect(room.current.version).toBe(2);
    const guest = identities.newGuest();
    const person = role === 'owner' ? owner : guest;
    const linkRole = role === 'viewer' ? 'view' : role === 'commenter' ? 'comment' : 'edit';
    const link = await access.createLink(created.id, linkRole, owner.id);
    if (role !== 'none' && role !== 'owner') await access.acceptLink(link.token, guest.id);
    if (role === 'revoked-link') await access.revokeLink(created.id, link.id);
    return { designId: created.id, cookie: `${GUEST_COOKIE}=${identities.encode(person)}`, personId: person.id, linkId: link.id };
  }

  /** Everything stored about a design: a refused action must leave all of it as it was. */
  async function stored(designId: string) {
    const design = await db.design.findUnique({ where: { id: designId } });
    return {
      design: design && { ...design, updatedAt: design.updatedAt.toISOString() },
      ops: await db.designOp.count({ where: { designId } }),
      runs: await db.designRun.count({ where: { designId } }),
      members: await db.designMember.findMany({ where: { designId }, orderBy: { id: 'asc' } }),
      links: await db.shareLink.findMany({ where: { designId }, orderBy: { id: 'asc' } }),
      designs: await db.design.count(),
    };
  }

  function client(cookie: string): Promise<Client> {
    const c: Client = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    clients.push(c);
    return new Promise((resolve, reject) => {
      c.on('connect', () => resolve(c));
      c.on('connect_error', reject);
    });
  }
  const ask = <A>(c: Client, event: keyof ClientToServerEvents, msg: unknown) =>
    new Promise<A>((resolve) => (c.emit as (e: string, m: unknown, ack: (a: A) => void) => void)(event, msg, resolve));

  /** Performs one action; true when it was allowed (the access check let it through). */
  async function perform(action: string, ctx: Awaited<ReturnType<typeof setUp>>): Promise<boolean> {
    if (action.startsWith('http:')) {
      const req = (method: string, body?: unknown) =>
        new Request(`${url}/api/designs/${ctx.designId}`, {
          method,
          headers: { cookie: ctx.cookie, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const params = Promise.resolve({ id: ctx.designId });
      const res = await {
        'http:read': () => designRoute.GET(req('GET'), { params }),
        'http:runs': () => runsRoute.GET(req('GET'), { params }),
        'http:history': () => versionsRoute.GET(req('GET'), { params }),
        'http:ops': () => opsRoute.GET(req('GET'), { params }),
        'http:export': () => exportRoute.GET(req('GET'), { params }),
        'http:fork': () => forkRoute.POST(req('POST', {}), { params }),
        'http:rename': () => designRoute.PATCH(req('PATCH', { title: 'Renamed over HTTP' }), { params }),
        'http:restore': () => restoreRoute.POST(req('POST', { version: 1 }), { params }),
        'http:links-list': () => linksRoute.GET(req('GET'), { params }),
        'http:links-create': () => linksRoute.POST(req('POST', { role: 'view' }), { params }),
        'http:visibility': () => visibilityRoute.PUT(req('PUT', { visibility: 'link-view' }), { params }),
        'http:links-revoke': () => linkRoute.DELETE(req('DELETE'), { params: Promise.resolve({ id: ctx.designId, linkId: ctx.linkId }) }),
      }[action]!();
      if (res.status === 404) {
        // Never a hint that the design exists: the same answer as for an unknown id.
        expect(await res.json()).toEqual({ ok: false, code: 'not-found', message: 'No design has this id.' });
        return false;
      }
      if (res.status === 403) {
        expect((await res.json()).code).toBe('forbidden');
        return false;
      }
      expect(res.status, `${action}: ${await res.clone().text()}`).toBeLessThan(300);
      return true;
    }
    const c = await client(ctx.cookie);
    const joined = await ask<JoinAnswer>(c, 'design:join', { protocol: PROTOCOL_VERSION, designId: ctx.designId });
    if (action === 'socket:join') {
      if (!joined.ok) expect(joined).toMatchObject({ code: 'not-found', message: 'No design has this id.' });
      c.disconnect();
      return joined.ok;
    }
    let answer: { ok: boolean; code?: string };
    if (action.startsWith('op:')) {
      answer = await ask(c, 'op:submit', { clientOpId: 'x1', baseVersion: 2, op: sampleOp(action.slice(3)) });
    } else if (action === 'job:run') {
      answer = await ask(c, 'job:start', { kind: 'run', seed: 1 });
    } else if (action === 'job:train') {
      answer = await ask(c, 'job:start', { kind: 'train', task: 'copy', steps: 1 });
    } else {
      answer = await ask(c, 'job:cancel', { jobId: 'no-such-job' });
    }
    c.disconnect();
    if (!joined.ok) {
      // No access: never in the room, so nothing it sends is even looked at.
      expect(answer).toMatchObject({ ok: false, code: 'not-joined' });
      return false;
    }
    if (answer.code === 'forbidden') return false;
    // Past the access check, the sample ops are real edits that the room accepts.
    if (action.startsWith('op:') && SAMPLED.has(action.slice(3))) expect(answer, action).toMatchObject({ ok: true });
    return true;
  }

  for (const role of ROLE_CASES) {
    it(`${role}: allowed and refused exactly as the rules say, and a refusal changes nothing`, async () => {
      const mismatches: string[] = [];
      for (const action of ACTIONS) {
        const ctx = await setUp(role);
        const before = await stored(ctx.designId);
        const allowed = await perform(action, ctx);
        tally.cases++;
        if (allowed !== ALLOWED[role].has(action)) mismatches.push(`${action}: ${allowed ? 'allowed' : 'refused'}`);
        if (allowed) {
          tally.allowed++;
        } else {
          tally.refused++;
          expect(await stored(ctx.designId), `${role} ${action} changed the database`).toEqual(before);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('revoking a link removes its members at once: their open socket is told, leaves the room and can no longer edit', async () => {
    const ctx = await setUp('editor');
    const c = await client(ctx.cookie);
    expect(await ask<JoinAnswer>(c, 'design:join', { protocol: PROTOCOL_VERSION, designId: ctx.designId })).toMatchObject({ ok: true, role: 'editor' });
    const told = new Promise<unknown>((resolve) => c.on('access:changed', resolve));
    const ownerCookie = `${GUEST_COOKIE}=${identities.encode(owner)}`;
    const res = await linkRoute.DELETE(new Request(`${url}/x`, { method: 'DELETE', headers: { cookie: ownerCookie } }), {
      params: Promise.resolve({ id: ctx.designId, linkId: ctx.linkId }),
    });
    expect(res.status).toBe(200);
    expect(await told).toEqual({ designId: ctx.designId, role: null });
    const before = await stored(ctx.designId);
    expect(await ask(c, 'op:submit', { clientOpId: 'late', baseVersion: 2, op: sampleOp('addNode') })).toMatchObject({ ok: false, code: 'not-joined' });
    expect(await ask(c, 'design:join', { protocol: PROTOCOL_VERSION, designId: ctx.designId })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await stored(ctx.designId)).toEqual(before);
    expect(before.members).toEqual([]);
  });

  it('a design anyone with the link may view gives strangers the viewer role, no more', async () => {
    const ctx = await setUp('none');
    await db.design.update({ where: { id: ctx.designId }, data: { visibility: 'link-view' } });
    const c = await client(ctx.cookie);
    expect(await ask<JoinAnswer>(c, 'design:join', { protocol: PROTOCOL_VERSION, designId: ctx.designId })).toMatchObject({ ok: true, role: 'viewer' });
    expect(await ask(c, 'op:submit', { clientOpId: 'v', baseVersion: 2, op: sampleOp('addComment') })).toMatchObject({ ok: false, code: 'forbidden', clientOpId: 'v' });
    // Made private again: the stranger is out at once.
    const told = new Promise<unknown>((resolve) => c.on('access:changed', resolve));
    const res = await visibilityRoute.PUT(
      new Request(`${url}/x`, { method: 'PUT', headers: { cookie: `${GUEST_COOKIE}=${identities.encode(owner)}` }, body: JSON.stringify({ visibility: 'private' }) }),
      { params: Promise.resolve({ id: ctx.designId }) },
    );
    expect(res.status).toBe(200);
    expect(await told).toEqual({ designId: ctx.designId, role: null });
  });
});
