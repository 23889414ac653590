import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authorCommentOp, RemovedComments } from '../lib/design/comment-authorship.ts';
import { applyLoggedOp, parseLoggedOp } from '../lib/design/design-state.ts';
import {
  CursorMove,
  JoinDesign,
  PROTOCOL_VERSION,
  SelectionChange,
  StartJob,
  SubmitOp,
  ViewportChange,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../lib/protocol/messages.ts';
import type { Db } from './db.ts';
import { DesignStore } from './design-store.ts';
import { anyValue, deeplyNestedJson, FuzzTally, malformed } from './fuzz-inputs.ts';
import { Accounts } from './access/accounts.ts';
import { People } from './access/people.ts';
import { GUEST_COOKIE, GuestIdentities } from './identity.ts';
import type { JobRequest, JobRunner } from './jobs/index.ts';
import { Realtime } from './realtime.ts';
import { createTestDatabase } from './test-database.ts';

// The limits have their own test (abuse-limits.test.ts): here every message must reach its parser.
vi.mock('./rate-limit.ts', async (original) => {
  const real = await original<typeof import('./rate-limit.ts')>();
  const unlimited = () => new real.RateLimit(1e9, 1e9);
  return { ...real, connectionLimits: () => ({ ops: unlimited(), joins: unlimited(), jobs: unlimited(), presence: unlimited() }) };
});

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Answer = { ok: boolean; code?: string; message?: string };

const OP_TYPES = [
  'addComment', 'addNode', 'addNodes', 'connect', 'deleteComment', 'deleteReply', 'disconnect', 'groupIntoBlock', 'moveNodes',
  'removeNodes', 'renameDesign', 'renameNode', 'replyComment', 'resolveComment', 'restoreBlock', 'restoreVersion',
  'setBlockCollapsed', 'setBlockRepeat', 'setParams', 'setSettings', 'ungroup',
];
const OP_FIELDS = ['id', 'ids', 'node', 'nodes', 'edge', 'edges', 'params', 'position', 'positions', 'source', 'target', 'title', 'text',
  'commentId', 'replyId', 'label', 'settings', 'doc', 'fromVersion', 'blockId', 'repeat', 'collapsed', 'anchor', 'resolved'];
/** An op of a real type with fields of any kind: it reaches the op's own schema, not just the union's. */
const opShaped = fc
  .tuple(fc.constantFrom(...OP_TYPES), fc.dictionary(fc.constantFrom(...OP_FIELDS), anyValue, { maxKeys: 4 }))
  .map(([type, fields]) => ({ ...fields, type }));

/** A stack trace or source path in an answer would tell a client how the server is built. */
const LEAKS = /\n\s+at |\.tsx?:\d|node_modules|Error:/;

describe('fuzzing every socket event: a clear refusal for each, nothing changes, the server stays up', () => {
  let http: HttpServer;
  let realtime: Realtime;
  let db: Db;
  let dispose: () => Promise<void>;
  let url: string;
  let designId: string;
  let fuzzer: Client;
  let observer: Client;
  const submitted: JobRequest[] = [];
  const identities = new GuestIdentities('f'.repeat(32));
  const tally = new FuzzTally();
  const seenByObserver: string[] = [];
  const fuzzerPerson = { ...identities.newGuest(), name: 'Fuzzer' };

  /** Records what would be queued, and queues nothing: a fuzzed job:start must never get this far. */
  const runner: JobRunner = {
    submit: async (request) => {
      submitted.push(request);
      return { ok: false, code: 'closed', message: 'not in this test' };
    },
    cancel: async () => false,
    jobsOf: async () => [],
    subscribe: () => () => undefined,
    close: async () => undefined,
  };

  function client(person = identities.newGuest()): Client {
    return connect(url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: `${GUEST_COOKIE}=${identities.encode(person)}` },
      reconnection: false,
    });
  }
  const ask = (c: Client, event: 'design:join' | 'op:submit' | 'job:start' | 'job:cancel', msg: unknown) =>
    new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${event}: no answer`)), 5_000);
      (c.emit as (e: string, m: unknown, ack: (a: Answer) => void) => void)(event, msg, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
    });

  async function snapshot() {
    const room = await realtime.rooms.room(designId);
    return {
      version: room?.current.version,
      state: JSON.stringify(room?.current.state),
      designs: JSON.stringify(await db.design.findMany({ orderBy: { id: 'asc' } })),
      ops: await db.designOp.count(),
      runs: await db.designRun.count(),
    };
  }

  function isClearRefusal(answer: Answer, codes: string[]): boolean {
    return (
      answer.ok === false &&
      codes.includes(answer.code ?? '') &&
      typeof answer.message === 'string' &&
      answer.message.length > 0 &&
      answer.message.length < 1_000 &&
      !LEAKS.test(answer.message)
    );
  }

  beforeAll(async () => {
    const database = await createTestDatabase();
    db = database.db;
    dispose = database.dispose;
    const store = new DesignStore(db, { url: database.url });
    http = createServer();
    // Everyone may edit: these tests are about malformed input and floods, not roles (app/api/designs/permission-matrix.test.ts).
    const everyoneEdits = { roleOf: async () => 'editor' as const };
    realtime = new Realtime(http, store, new People(identities, new Accounts(database.db)), everyoneEdits, pino({ level: 'silent' }), runner);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    designId = (await store.create({ id: 'g_owner00000', name: 'Owner' })).id;
    const room = await realtime.rooms.room(designId);
    const owner = { id: 'g_owner00000', name: 'Owner', colour: '#000' };
    for (const [i, op] of [
      { type: 'addNode', node: { id: 'emb', type: 'token-embedding', params: {}, position: { x: 0, y: 0 } } },
      { type: 'addNode', node: { id: 'mha', type: 'multi-head-attention', params: {}, position: { x: 0, y: 100 } } },
    ].entries()) {
      expect(await room!.submit(owner, `seed${i}`, op)).toMatchObject({ ok: true });
    }
    fuzzer = client(fuzzerPerson);
    observer = client();
    for (const c of [fuzzer, observer]) expect(await ask(c, 'design:join', { protocol: PROTOCOL_VERSION, designId })).toMatchObject({ ok: true });
    for (const event of ['op:applied', 'presence:cursors', 'presence:selection', 'presence:viewport', 'job:event'] as const) {
      observer.on(event, () => seenByObserver.push(event));
    }
  });

  afterAll(async () => {
    fuzzer?.disconnect();
    observer?.disconnect();
    await realtime.close();
    await dispose();
    console.log(`socket events: ${tally}`);
  });

  it('design:join: malformed, wrongly typed, oversized and nested joins are refused and the joiner stays where it was', async () => {
    const before = await snapshot();
    const input = malformed({ protocol: PROTOCOL_VERSION, designId, sinceVersion: 0 }).filter((m) => {
      const parsed = JoinDesign.safeParse(m);
      return !parsed.success || parsed.data.designId !== designId;
    });
    await fc.assert(
      fc.asyncProperty(input, async (msg) => {
        const answer = await ask(fuzzer, 'design:join', msg);
        const ok = isClearRefusal(answer, ['bad-message', 'protocol-mismatch', 'not-found']);
        tally.record(ok);
        expect(answer, JSON.stringify(msg)?.slice(0, 200)).toSatisfy(() => ok);
      }),
      { numRuns: 300 },
    );
    expect(await snapshot()).toEqual(before);
    // Still in the room: an edit reaches the op parser rather than "join first".
    expect(await ask(fuzzer, 'op:submit', { clientOpId: 'probe', baseVersion: 0, op: { type: 'nope' } })).toMatchObject({ code: 'refused-op' });
  });

  it('op:submit: no malformed envelope or op changes the room or the database', async () => {
    const before = await snapshot();
    const room = (await realtime.rooms.room(designId))!;
    /** What the room itself would do, minus the storing: ops it would accept are not malformed and are left out. */
    const wouldApply = (msg: unknown): boolean => {
      const envelope = SubmitOp.safeParse(msg);
      const parsed = envelope.success ? parseLoggedOp(envelope.data.op) : null;
      if (!parsed?.ok) return false;
      const authored = authorCommentOp(room.current.state.doc, parsed.op, fuzzerPerson, new Date().toISOString(), new RemovedComments());
      return authored.ok && applyLoggedOp(room.current.state, authored.op).ok;
    };
    const input = fc
      .oneof(
        malformed({ clientOpId: 'c1', baseVersion: 2, op: { type: 'setParams', id: 'mha', params: { heads: 4 } } }),
        fc.record({ clientOpId: fc.constant('c2'), baseVersion: fc.constant(2), op: fc.oneof(anyValue, opShaped) }),
      )
      .filter((m) => !wouldApply(m));
    await fc.assert(
      fc.asyncProperty(input, async (msg) => {
        const answer = await ask(fuzzer, 'op:submit', msg);
        const ok = isClearRefusal(answer, ['bad-message', 'refused-op']);
        tally.record(ok);
        expect(answer, JSON.stringify(msg)?.slice(0, 200)).toSatisfy(() => ok);
      }),
      { numRuns: 1_000 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('job:start and job:cancel: refused with a reason, nothing queued or stored', async () => {
    const before = await snapshot();
    const start = malformed({ kind: 'train', task: 'copy', steps: 10, learningRate: 0.01 }).filter((m) => !StartJob.safeParse(m).success);
    await fc.assert(
      fc.asyncProperty(start, async (msg) => {
        const ok = isClearRefusal(await ask(fuzzer, 'job:start', msg), ['bad-message']);
        tally.record(ok);
        expect(ok).toBe(true);
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(malformed({ jobId: 'j1' }), async (msg) => {
        const ok = isClearRefusal(await ask(fuzzer, 'job:cancel', msg), ['bad-message', 'not-found']);
        tally.record(ok);
        expect(ok).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(submitted).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('presence:cursor, presence:selection, presence:viewport: malformed ones are dropped, nobody hears of them', async () => {
    const room = (await realtime.rooms.room(designId))!;
    const presenceBefore = JSON.stringify(room.participants);
    const cases = [
      ['presence:cursor', malformed({ x: 1, y: 2 }).filter((m) => !CursorMove.safeParse(m).success)],
      ['presence:selection', malformed({ nodeIds: ['mha'] }).filter((m) => !SelectionChange.safeParse(m).success)],
      ['presence:viewport', malformed({ x: 0, y: 0, zoom: 1 }).filter((m) => !ViewportChange.safeParse(m).success)],
    ] as const;
    for (const [event, input] of cases) {
      await fc.assert(
        fc.asyncProperty(input, async (msg) => {
          (fuzzer.emit as (e: string, m: unknown) => void)(event, msg);
          tally.record(true); // checked below: nothing reached anyone, nothing was kept
        }),
        { numRuns: 200 },
      );
    }
    // The server is still answering this connection, and after a batch interval nobody was told anything.
    expect(await ask(fuzzer, 'job:cancel', { jobId: 'j1' })).toMatchObject({ ok: false, code: 'not-found' });
    await new Promise((r) => setTimeout(r, 250));
    expect(seenByObserver).toEqual([]);
    expect(JSON.stringify(room.participants)).toBe(presenceBefore);
  });

  it('JSON nested 10,000 deep, sent raw past the client encoder, is refused without overflowing a stack', async () => {
    const before = await snapshot();
    const engine = (fuzzer.io as unknown as { engine: { write(packet: string): void } }).engine;
    const acks = (fuzzer as unknown as { acks: Record<number, (answer: Answer) => void> }).acks;
    const raw = (id: number, event: string, body: string) =>
      new Promise<Answer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${event}: no answer`)), 5_000);
        acks[id] = (a) => {
          clearTimeout(timer);
          resolve(a);
        };
        engine.write(`2${id}["${event}",${body}]`); // a socket.io EVENT packet with an ack id
      });
    let id = 90_000;
    for (const kind of ['array', 'object'] as const) {
      const deep = deeplyNestedJson(10_000, kind);
      const bodies: Array<[string, string, string[]]> = [
        ['design:join', deep, ['bad-message', 'protocol-mismatch']],
        ['op:submit', deep, ['bad-message']],
        ['op:submit', `{"clientOpId":"d","baseVersion":2,"op":${deep}}`, ['refused-op']],
        ['op:submit', `{"clientOpId":"d","baseVersion":2,"op":{"type":"setParams","id":"mha","params":{"heads":${deep}}}}`, ['refused-op']],
        ['op:submit', `{"clientOpId":"d","baseVersion":2,"op":{"type":"addNode","node":${deep}}}`, ['refused-op']],
        ['job:start', deep, ['bad-message']],
        ['job:cancel', deep, ['bad-message']],
      ];
      for (const [event, body, codes] of bodies) {
        const answer = await raw(id++, event, body);
        const ok = isClearRefusal(answer, codes);
        tally.record(ok);
        expect(answer, `${event} ${kind}`).toSatisfy(() => ok);
      }
      for (const event of ['presence:cursor', 'presence:selection', 'presence:viewport']) engine.write(`2["${event}",${deep}]`);
    }
    expect(await ask(observer, 'job:cancel', { jobId: 'j1' })).toMatchObject({ code: 'not-found' });
    expect(fuzzer.connected).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

});
