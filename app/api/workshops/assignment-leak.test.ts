import { readdirSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@/lib/protocol/messages';
import type { AssignmentSpec } from '@/lib/grading/assignment-spec';
import { Accounts } from '@/server/access/accounts';
import { DesignAccess } from '@/server/access/design-access';
import { People } from '@/server/access/people';
import { createAssignments } from '@/server/assignments/index';
import { HIDDEN_MARKERS, secretSpec } from '@/server/assignments/testing/secret-spec';
import type { Db } from '@/server/db';
import { DesignHistory } from '@/server/design-history';
import { DesignStore } from '@/server/design-store';
import { GUEST_COOKIE, GuestIdentities } from '@/server/identity';
import { WorkerPool } from '@/server/jobs/index';
import { Realtime } from '@/server/realtime';
import { RunStore } from '@/server/run-store';
import { provideServices, type Services } from '@/server/services';
import { createTestDatabase } from '@/server/test-database';
import { WorkshopLive } from '@/server/workshops/workshop-live';
import { WorkshopStore } from '@/server/workshops/workshop-store';
import * as workshopsRoute from './route';
import * as joinRoute from './join/route';
import * as workshopRoute from './[id]/route';
import * as dashboardRoute from './[id]/dashboard/route';
import * as groupsRoute from './[id]/groups/route';
import * as pickRoute from './[id]/pick/route';
import * as assignmentsRoute from './[id]/assignments/route';
import * as assignmentRoute from './[id]/assignments/[assignmentId]/route';
import * as submissionsRoute from './[id]/assignments/[assignmentId]/submissions/route';
import * as submissionRoute from './[id]/assignments/[assignmentId]/submissions/[submissionId]/route';
import * as regradeRoute from './[id]/assignments/[assignmentId]/regrade/route';
import * as overridesRoute from './[id]/assignments/[assignmentId]/overrides/route';
import * as releaseRoute from './[id]/assignments/[assignmentId]/release/route';
import * as gradebookRoute from './[id]/assignments/[assignmentId]/gradebook/route';
import * as gradebookCsvRoute from './[id]/assignments/[assignmentId]/gradebook.csv/route';
import * as designRoute from '../designs/[id]/route';
import * as versionsRoute from '../designs/[id]/versions/route';
import * as opsRoute from '../designs/[id]/ops/route';
import * as runsRoute from '../designs/[id]/runs/route';
import * as exportRoute from '../designs/[id]/export.json/route';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Ids {
  workshopId: string;
  assignmentId: string;
  submissionId: string;
  designId: string;
  groupId: string;
  joinCode: string;
}
/** One HTTP call a participant can make: the route file, its method, and the request. */
interface Walk {
  file: string;
  method: string;
  call: (ids: Ids, cookie: string) => Promise<Response>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const identities = new GuestIdentities('z'.repeat(32));
const teacher = identities.newGuest();
const ada = identities.newGuest();
const bob = identities.newGuest();

/** A hidden test with a parameter of its own, so that a leaked parameter shows too. */
function leakSpec(): AssignmentSpec {
  const spec = secretSpec();
  const zebraCount = { id: 'zebra-count', kind: 'node-count', nodeType: 'zebra-node', min: 1, name: 'Zebra count', points: 2, visibility: 'hidden', feedback: { pass: 'zebra pass note', fail: 'zebra fail note' } };
  return { ...spec, tests: [...spec.tests, zebraCount as AssignmentSpec['tests'][number]] };
}
const MARKERS = [...HIDDEN_MARKERS, 'zebra-count', 'Zebra count', 'zebra-node', 'zebra override note'];

function req(url: string, method: string, cookie: string, body?: unknown): Request {
  return new Request(`http://localhost${url}`, {
    method,
    headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const call = (handler: unknown, params: Record<string, string>, request: Request) => (handler as Handler)(request, { params: Promise.resolve(params) });

const W = 'app/api/workshops';
const WALKS: Walk[] = [
  { file: `${W}/route.ts`, method: 'GET', call: (_i, c) => call(workshopsRoute.GET, {}, req('/api/workshops', 'GET', c)) },
  { file: `${W}/route.ts`, method: 'POST', call: (_i, c) => call(workshopsRoute.POST, {}, req('/api/workshops', 'POST', c, { title: 'Mine', starter: { kind: 'blank' }, grouping: 'auto', groupSize: 2 })) },
  { file: `${W}/join/route.ts`, method: 'POST', call: (i, c) => call(joinRoute.POST, {}, req('/api/workshops/join', 'POST', c, { code: i.joinCode, displayName: 'Ada' })) },
  { file: `${W}/[id]/route.ts`, method: 'GET', call: (i, c) => call(workshopRoute.GET, { id: i.workshopId }, req('/', 'GET', c)) },
  { file: `${W}/[id]/dashboard/route.ts`, method: 'GET', call: (i, c) => call(dashboardRoute.GET, { id: i.workshopId }, req('/', 'GET', c)) },
  { file: `${W}/[id]/groups/route.ts`, method: 'POST', call: (i, c) => call(groupsRoute.POST, { id: i.workshopId }, req('/', 'POST', c, { count: 3 })) },
  { file: `${W}/[id]/pick/route.ts`, method: 'POST', call: (i, c) => call(pickRoute.POST, { id: i.workshopId }, req('/', 'POST', c, { groupId: i.groupId })) },
  { file: `${W}/[id]/assignments/route.ts`, method: 'GET', call: (i, c) => call(assignmentsRoute.GET, { id: i.workshopId }, req('/', 'GET', c)) },
  { file: `${W}/[id]/assignments/route.ts`, method: 'POST', call: (i, c) => call(assignmentsRoute.POST, { id: i.workshopId }, req('/', 'POST', c, { spec: leakSpec() })) },
  ...(['GET', 'PUT'] as const).map((method) => ({
    file: `${W}/[id]/assignments/[assignmentId]/route.ts`,
    method,
    call: (i: Ids, c: string) => call(assignmentRoute[method], { id: i.workshopId, assignmentId: i.assignmentId }, req('/', method, c, method === 'PUT' ? { spec: leakSpec() } : undefined)),
  })),
  { file: `${W}/[id]/assignments/[assignmentId]/submissions/route.ts`, method: 'POST', call: (i, c) => call(submissionsRoute.POST, { id: i.workshopId, assignmentId: i.assignmentId }, req('/', 'POST', c)) },
  {
    file: `${W}/[id]/assignments/[assignmentId]/submissions/[submissionId]/route.ts`,
    method: 'GET',
    call: (i, c) => call(submissionRoute.GET, { id: i.workshopId, assignmentId: i.assignmentId, submissionId: i.submissionId }, req('/', 'GET', c)),
  },
  { file: `${W}/[id]/assignments/[assignmentId]/regrade/route.ts`, method: 'POST', call: (i, c) => call(regradeRoute.POST, { id: i.workshopId, assignmentId: i.assignmentId }, req('/', 'POST', c, {})) },
  {
    file: `${W}/[id]/assignments/[assignmentId]/overrides/route.ts`,
    method: 'POST',
    call: (i, c) => call(overridesRoute.POST, { id: i.workshopId, assignmentId: i.assignmentId }, req('/', 'POST', c, { gradeId: 'x', testId: 'zebra-secret', points: 1, comment: 'mine' })),
  },
  { file: `${W}/[id]/assignments/[assignmentId]/release/route.ts`, method: 'POST', call: (i, c) => call(releaseRoute.POST, { id: i.workshopId, assignmentId: i.assignmentId }, req('/', 'POST', c)) },
  { file: `${W}/[id]/assignments/[assignmentId]/gradebook/route.ts`, method: 'GET', call: (i, c) => call(gradebookRoute.GET, { id: i.workshopId, assignmentId: i.assignmentId }, req('/', 'GET', c)) },
  { file: `${W}/[id]/assignments/[assignmentId]/gradebook.csv/route.ts`, method: 'GET', call: (i, c) => call(gradebookCsvRoute.GET, { id: i.workshopId, assignmentId: i.assignmentId }, req('/', 'GET', c)) },
  // The group's design room, as its members read it.
  { file: 'app/api/designs/[id]/route.ts', method: 'GET', call: (i, c) => call(designRoute.GET, { id: i.designId }, req('/', 'GET', c)) },
  { file: 'app/api/designs/[id]/versions/route.ts', method: 'GET', call: (i, c) => call(versionsRoute.GET, { id: i.designId }, req(`/api/designs/${i.designId}/versions`, 'GET', c)) },
  { file: 'app/api/designs/[id]/ops/route.ts', method: 'GET', call: (i, c) => call(opsRoute.GET, { id: i.designId }, req(`/api/designs/${i.designId}/ops?after=0`, 'GET', c)) },
  { file: 'app/api/designs/[id]/runs/route.ts', method: 'GET', call: (i, c) => call(runsRoute.GET, { id: i.designId }, req('/', 'GET', c)) },
  { file: 'app/api/designs/[id]/export.json/route.ts', method: 'GET', call: (i, c) => call(exportRoute.GET, { id: i.designId }, req('/', 'GET', c)) },
];

/** Every route file under app/api/workshops with each HTTP method it exports. */
async function workshopEndpoints(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.name === 'route.ts') {
        const mod = (await import(/* @vite-ignore */ full)) as Record<string, unknown>;
        const rel = `${W}/${path.relative(here, full).split(path.sep).join('/')}`;
        for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) if (typeof mod[m] === 'function') found.push(`${m} ${rel}`);
      }
    }
  };
  await walk(here);
  return found.sort();
}

describe('hidden tests never reach a participant before release, on any route or socket event', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let http: HttpServer;
  let url: string;
  let realtime: Realtime;
  let jobs: WorkerPool;
  let services: Services;
  const sockets: Socket[] = [];
  const heard: string[] = [];
  const ids = {} as Ids;
  const cookieOf = (p: typeof ada) => `${GUEST_COOKIE}=${identities.encode(p)}`;

  beforeAll(async () => {
    const database = await createTestDatabase();
    ({ db, dispose } = database);
    const designs = new DesignStore(db, { url: database.url });
    const access = new DesignAccess(db);
    const accounts = new Accounts(db);
    const people = new People(identities, accounts);
    const runs = new RunStore(db);
    const log = pino({ level: 'silent' });
    jobs = await WorkerPool.start({ workers: 1 });
    http = createServer();
    realtime = new Realtime(http, designs, people, access, log, jobs, runs);
    const workshops = new WorkshopStore(db, designs, access);
    const workshopLive = new WorkshopLive(realtime, workshops, people, log);
    await workshopLive.start();
    const assignments = createAssignments(db, designs, jobs, log);
    services = { db, designs, history: new DesignHistory(designs), runs, realtime, identities, people, accounts, access, jobs, workshops, workshopLive, assignments, log, version: 'test' } as unknown as Services;
    provideServices(services);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    const made = await workshops.create(teacher, { title: 'Leak check', starter: { kind: 'template', template: 'tiny-decoder-language-model' }, grouping: 'auto', groupSize: 1, groupCount: 2 });
    if (!made.ok) throw new Error(made.message);
    ids.workshopId = made.workshop.id;
    ids.joinCode = made.workshop.joinCode;
    const created = await (await call(assignmentsRoute.POST, { id: ids.workshopId }, req('/', 'POST', cookieOf(teacher), { spec: leakSpec() }))).json();
    expect(created.ok, JSON.stringify(created)).toBe(true);
    ids.assignmentId = created.assignment.id;
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await jobs.close();
    await realtime.close();
    await dispose();
  });

  /** A socket that records every message the server sends it, as text. */
  function listen(namespace: string, cookie: string): Promise<Socket> {
    const s = connect(`${url}${namespace}`, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    sockets.push(s);
    s.onAny((event: string, ...args: unknown[]) => heard.push(`${event} ${JSON.stringify(args)}`));
    return new Promise((resolve, reject) => {
      s.on('connect', () => resolve(s));
      s.on('connect_error', reject);
    });
  }
  const ask = (s: Socket, event: string, msg: unknown) => new Promise<{ ok: boolean }>((r) => s.emit(event, msg, r));

  async function gradingDone(): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const open = await db.grade.count({ where: { submission: { assignmentId: ids.assignmentId }, status: { in: ['queued', 'running'] } } });
      if (open === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('grading did not finish');
  }

  /** Every route a participant can call, each answer as text (refusals included). */
  async function walkAll(cookie: string): Promise<Array<{ endpoint: string; status: number; text: string }>> {
    const answers = [];
    for (const w of WALKS) {
      const res = await w.call(ids, cookie);
      answers.push({ endpoint: `${w.method} ${w.file}`, status: res.status, text: await res.text() });
    }
    return answers;
  }

  it('walks every workshop route there is (a new route must be added here)', async () => {
    const walked = new Set(WALKS.map((w) => `${w.method} ${w.file}`));
    for (const endpoint of await workshopEndpoints()) expect(walked, `${endpoint} is not walked by the leak test`).toContain(endpoint);
  });

  it('shows a participant none of a hidden test until release, and all of it after', async () => {
    const adaCookie = cookieOf(ada);
    const joined = await (await call(joinRoute.POST, {}, req('/api/workshops/join', 'POST', adaCookie, { code: ids.joinCode, displayName: 'Ada' }))).json();
    expect(joined).toMatchObject({ ok: true, groupId: expect.any(String) });
    await call(joinRoute.POST, {}, req('/api/workshops/join', 'POST', cookieOf(bob), { code: ids.joinCode, displayName: 'Bob' }));
    ids.groupId = joined.groupId;
    ids.designId = (await db.workshopGroup.findUniqueOrThrow({ where: { id: ids.groupId } })).designId;

    const room = await listen('', adaCookie);
    expect(await ask(room, 'design:join', { protocol: PROTOCOL_VERSION, designId: ids.designId })).toMatchObject({ ok: true });
    const channel = await listen('/workshop', adaCookie);
    expect(await ask(channel, 'workshop:join', { workshopId: ids.workshopId })).toMatchObject({ ok: true });

    const submitted = await (await call(submissionsRoute.POST, { id: ids.workshopId, assignmentId: ids.assignmentId }, req('/', 'POST', adaCookie))).json();
    expect(submitted).toMatchObject({ ok: true, submission: { grade: { status: 'queued' } } });
    ids.submissionId = submitted.submission.id;
    await gradingDone();
    // The instructor's report holds the hidden tests: the markers are real, so their absence below means something.
    const book = await (await call(gradebookRoute.GET, { id: ids.workshopId, assignmentId: ids.assignmentId }, req('/', 'GET', cookieOf(teacher)))).text();
    expect(book).toContain('Zebra causal probe');
    // An override of the hidden test, with its comment, is hidden with it.
    const gradeId = (await db.grade.findFirstOrThrow({ where: { submissionId: ids.submissionId } })).id;
    const overridden = await call(overridesRoute.POST, { id: ids.workshopId, assignmentId: ids.assignmentId }, req('/', 'POST', cookieOf(teacher), { gradeId, testId: 'zebra-count', points: 1, comment: 'zebra override note' }));
    expect(overridden.status).toBe(201);

    const before = await walkAll(adaCookie);
    await new Promise((r) => setTimeout(r, 200));
    for (const a of before) for (const m of MARKERS) expect(a.text, `${a.endpoint} (${a.status}) leaks "${m}"`).not.toContain(m);
    for (const message of heard) for (const m of MARKERS) expect(message, `a socket message leaks "${m}"`).not.toContain(m);
    expect(heard.length).toBeGreaterThan(0);
    const view = before.find((a) => a.endpoint.startsWith('GET') && a.endpoint.endsWith('[assignmentId]/route.ts'))!;
    expect(JSON.parse(view.text)).toMatchObject({ ok: true, view: { submissions: [{ grade: { status: 'done', report: { results: [{ testId: 'valid' }, { testId: 'one-attn' }] } } }] } });

    expect(await (await call(releaseRoute.POST, { id: ids.workshopId, assignmentId: ids.assignmentId }, req('/', 'POST', cookieOf(teacher)))).json()).toMatchObject({ ok: true });
    const after = (await walkAll(adaCookie)).map((a) => a.text).join('\n');
    for (const m of MARKERS) expect(after, `"${m}" reaches the participant after release`).toContain(m);
  });

  it('exports the gradebook as CSV for the instructor only: one row per participant with group, each test, late penalty and total', async () => {
    const refused = await call(gradebookCsvRoute.GET, { id: ids.workshopId, assignmentId: ids.assignmentId }, req('/', 'GET', cookieOf(ada)));
    expect(refused.status).toBe(403);
    // The walks above submitted again: the gradebook shows the current submission's latest grade.
    await gradingDone();
    const sub = await db.submission.findFirstOrThrow({ where: { assignmentId: ids.assignmentId, replacedAt: null }, include: { grades: { orderBy: { createdAt: 'desc' } } } });
    await call(overridesRoute.POST, { id: ids.workshopId, assignmentId: ids.assignmentId }, req('/', 'POST', cookieOf(teacher), { gradeId: sub.grades[0].id, testId: 'zebra-count', points: 1, comment: 'Close enough' }));
    const res = await call(gradebookCsvRoute.GET, { id: ids.workshopId, assignmentId: ids.assignmentId }, req('/', 'GET', cookieOf(teacher)));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="decoder-only-lm-gradebook.csv"');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('participant,group,The design validates (4),At least one attention (3),Zebra causal probe (5),Zebra count (2),late penalty,total');
    // Ada's group was graded 4 + 3 + 5 + 0, the last overridden to 1; Bob's group submitted nothing.
    expect(lines.slice(1)).toEqual(['Ada,Group 1,4,3,5,1,0,13', 'Bob,Group 2,,,,,,', '']);
  });
});
