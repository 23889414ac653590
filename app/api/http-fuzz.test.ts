import { createServer, type Server as HttpServer } from 'node:http';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDesignDocument } from '@/lib/design/parse';
import { CreateDesignRequest, ForkRequest, ImportDesignRequest, OpsQuery, RenameDesignRequest, RestoreRequest, VersionsQuery } from '@/lib/protocol/http';
import { parseConfig } from '@/server/config';
import type { Db } from '@/server/db';
import { DesignHistory } from '@/server/design-history';
import { DesignStore } from '@/server/design-store';
import { anyValue, deeplyNestedJson, FuzzTally, malformed } from '@/server/fuzz-inputs';
import { Accounts } from '@/server/access/accounts';
import { DesignAccess } from '@/server/access/design-access';
import { People } from '@/server/access/people';
import { GUEST_COOKIE, GuestIdentities } from '@/server/identity';
import type { JobRunner } from '@/server/jobs/index';
import { Realtime } from '@/server/realtime';
import { RunStore } from '@/server/run-store';
import { WorkshopLive } from '@/server/workshops/workshop-live';
import { WorkshopStore } from '@/server/workshops/workshop-store';
import { provideServices } from '@/server/services';
import { createAssignments } from '@/server/assignments/index';
import { createTestDatabase } from '@/server/test-database';
import * as designs from './designs/route';
import * as design from './designs/[id]/route';
import * as fork from './designs/[id]/fork/route';
import * as restore from './designs/[id]/restore/route';
import * as importRoute from './designs/import/route';
import * as ops from './designs/[id]/ops/route';
import * as versions from './designs/[id]/versions/route';
import * as version from './designs/[id]/versions/[version]/route';
import * as runs from './designs/[id]/runs/route';
import * as run from './designs/[id]/runs/[runId]/route';
import * as exportJson from './designs/[id]/export.json/route';
import * as exportZip from './designs/[id]/export.zip/route';

const LEAKS = /\n\s+at |\.tsx?:\d|node_modules|Error:/;

/** A request body as sent: JSON of a malformed value, text that is not JSON, too large, or nested 10,000 deep. */
function bodies(valid: (value: unknown) => boolean, fields: Record<string, unknown>, maxBytes = 64 * 1024): fc.Arbitrary<string> {
  const parsesValid = (text: string) => {
    try {
      return valid(text === '' ? {} : JSON.parse(text));
    } catch {
      return false;
    }
  };
  return fc
    .oneof(
      { weight: 6, arbitrary: malformed(fields).map((v) => JSON.stringify(v) ?? '') },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom(deeplyNestedJson(10_000), deeplyNestedJson(10_000, 'object'), '{"a":', 'null', '[]', '"x"', '1e999') },
      { weight: 1, arbitrary: fc.constant(`{"title":"${'x'.repeat(maxBytes)}"}`) },
    )
    .filter((text) => !parsesValid(text));
}

describe('fuzzing every HTTP body, query and path: a clear 4xx for each, nothing stored, the server answers', () => {
  let http: HttpServer;
  let realtime: Realtime;
  let db: Db;
  let dispose: () => Promise<void>;
  let designId: string;
  let current: number;
  const tally = new FuzzTally();
  const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never;
  // Every request comes from the design's owner, so that what is fuzzed is the input, not the access check.
  const owner = { id: 'g_owner00000', name: 'Owner', colour: '#000' };
  const ownerCookie = `${GUEST_COOKIE}=${new GuestIdentities('h'.repeat(32)).encode(owner)}`;
  const request = (path: string, method = 'GET', body?: string) =>
    new Request(`http://localhost${path}`, {
      method,
      body,
      headers: body === undefined ? { cookie: ownerCookie } : { 'content-type': 'application/json', cookie: ownerCookie },
    });

  async function snapshot() {
    return {
      designs: JSON.stringify(await db.design.findMany({ orderBy: { id: 'asc' } })),
      ops: await db.designOp.count(),
      runs: await db.designRun.count(),
      room: JSON.stringify((await realtime.rooms.room(designId))?.current),
    };
  }

  async function expectRefusal(response: Response, statuses: number[]): Promise<void> {
    const text = await response.text();
    let body: { ok?: unknown; code?: unknown; message?: unknown } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // not JSON: fails below
    }
    const ok =
      statuses.includes(response.status) &&
      body.ok === false &&
      typeof body.code === 'string' &&
      typeof body.message === 'string' &&
      body.message.length > 0 &&
      !LEAKS.test(text);
    tally.record(ok);
    expect({ status: response.status, body: text.slice(0, 300) }).toSatisfy(() => ok);
  }

  beforeAll(async () => {
    const database = await createTestDatabase();
    db = database.db;
    dispose = database.dispose;
    const store = new DesignStore(db, { url: database.url });
    const identities = new GuestIdentities('h'.repeat(32));
    const log = pino({ level: 'silent' });
    const jobs: JobRunner = {
      submit: async () => ({ ok: false, code: 'closed', message: 'no jobs here' }),
      cancel: async () => false,
      jobsOf: async () => [],
      subscribe: () => () => undefined,
      close: async () => undefined,
    };
    http = createServer();
    const runStore = new RunStore(db);
    const accounts = new Accounts(db);
    const people = new People(identities, accounts);
    const access = new DesignAccess(db);
    realtime = new Realtime(http, store, people, access, log, jobs, runStore);
    const parsed = parseConfig({ DATABASE_URL: database.url });
    if (!parsed.ok) throw new Error(parsed.message);
    const workshops = new WorkshopStore(db, store, access);
    const workshopLive = new WorkshopLive(realtime, workshops, people, log);
    provideServices({ config: parsed.config, db, designs: store, history: new DesignHistory(store), runs: runStore, realtime, identities, people, accounts, access, jobs, workshops, workshopLive, assignments: createAssignments(db, store, jobs, log), log, version: 'test' });
    designId = (await store.create({ id: 'g_owner00000', name: 'Owner' })).id;
    const room = (await realtime.rooms.room(designId))!;
    const owner = { id: 'g_owner00000', name: 'Owner', colour: '#000' };
    await room.submit(owner, 's1', { type: 'addNode', node: { id: 'mha', type: 'multi-head-attention', params: {}, position: { x: 0, y: 0 } } });
    current = room.current.version;
  });

  afterAll(async () => {
    await realtime.close();
    await dispose();
    console.log(`HTTP routes: ${tally}`);
  });

  it('POST /api/designs and POST /api/designs/import: malformed bodies create nothing', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(bodies((v) => CreateDesignRequest.safeParse(v).success, { title: 'A title' }), async (body) => {
        await expectRefusal(await designs.POST(request('/api/designs', 'POST', body)), [400, 413]);
      }),
      { numRuns: 200 },
    );
    const importable = (v: unknown) => {
      const parsed = ImportDesignRequest.safeParse(v);
      return parsed.success && parseDesignDocument(parsed.data.document).ok;
    };
    await fc.assert(
      fc.asyncProperty(bodies(importable, { title: 'Imported', document: { formatVersion: 1, nodes: [], edges: [] } }, 10 * 1024 * 1024 + 1), async (body) => {
        await expectRefusal(await importRoute.POST(request('/api/designs/import', 'POST', body)), [400, 413, 422]);
      }),
      { numRuns: 200 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('PATCH /api/designs/[id], POST fork and POST restore: malformed bodies and unknown ids change nothing', async () => {
    const before = await snapshot();
    const p = ctx({ id: designId });
    const tooLate = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { version?: unknown }).version === 'number' && (v as { version: number }).version > current;
    await fc.assert(
      fc.asyncProperty(bodies((v) => RenameDesignRequest.safeParse(v).success, { title: 'New title' }), async (body) => {
        await expectRefusal(await design.PATCH(request(`/api/designs/${designId}`, 'PATCH', body), p), [400, 413]);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(bodies((v) => ForkRequest.safeParse(v).success && !tooLate(v), { version: 0, title: 'Fork' }), async (body) => {
        await expectRefusal(await fork.POST(request(`/api/designs/${designId}/fork`, 'POST', body), p), [400, 404, 413]);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(bodies((v) => RestoreRequest.safeParse(v).success && !tooLate(v), { version: 0 }), async (body) => {
        await expectRefusal(await restore.POST(request(`/api/designs/${designId}/restore`, 'POST', body), p), [400, 404, 413]);
      }),
      { numRuns: 200 },
    );
    const unknownId = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ minLength: 65, maxLength: 5_000 })).filter((id) => id !== designId);
    await fc.assert(
      fc.asyncProperty(unknownId, fc.constantFrom('rename', 'fork', 'restore'), async (id, what) => {
        const q = ctx({ id });
        const response =
          what === 'rename'
            ? await design.PATCH(request('/api/designs/x', 'PATCH', '{"title":"T"}'), q)
            : what === 'fork'
              ? await fork.POST(request('/api/designs/x/fork', 'POST', '{}'), q)
              : await restore.POST(request('/api/designs/x/restore', 'POST', '{"version":0}'), q);
        await expectRefusal(response, [404]);
      }),
      { numRuns: 200 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('GET queries and path parameters: malformed ones answer 400 or 404, never a 500', async () => {
    const before = await snapshot();
    const query = fc.dictionary(fc.oneof(fc.constantFrom('limit', 'before', 'after'), fc.string({ maxLength: 6 })), fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.integer().map(String), fc.constant('1e999')), { maxKeys: 3 });
    const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();
    const p = ctx({ id: designId });
    await fc.assert(
      fc.asyncProperty(query.filter((q) => !OpsQuery.safeParse(q).success), async (q) => {
        await expectRefusal(await ops.GET(request(`/api/designs/${designId}/ops?${qs(q)}`), p), [400]);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(query.filter((q) => !VersionsQuery.safeParse(q).success), async (q) => {
        await expectRefusal(await versions.GET(request(`/api/designs/${designId}/versions?${qs(q)}`), p), [400]);
      }),
      { numRuns: 200 },
    );
    const badVersion = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.integer({ min: current + 1 }).map(String), fc.constant('9'.repeat(400)));
    await fc.assert(
      fc.asyncProperty(badVersion.filter((v) => !(/^\d+$/.test(v) && Number(v) <= current)), async (v) => {
        await expectRefusal(await version.GET(request('/api/designs/x/versions/v'), ctx({ id: designId, version: v })), [404]);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (runId) => {
        await expectRefusal(await run.GET(request('/api/designs/x/runs/r'), ctx({ id: designId, runId })), [404]);
      }),
      { numRuns: 100 },
    );
    const unknownId = fc.string({ unit: 'binary', maxLength: 200 }).filter((id) => id !== designId);
    await fc.assert(
      fc.asyncProperty(unknownId, fc.constantFrom(design, ops, versions, runs, exportJson, exportZip), async (id, route) => {
        await expectRefusal(await route.GET(request('/api/designs/x'), ctx({ id })), [404]);
      }),
      { numRuns: 200 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('anyValue reaches the routes as wrong types of every kind (sanity of the generator)', () => {
    const kinds = new Set(fc.sample(anyValue, { numRuns: 500, seed: 1 }).map((v) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v)));
    expect([...kinds].sort()).toEqual(['array', 'boolean', 'null', 'number', 'object', 'string']);
  });
});
