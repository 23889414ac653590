import { createServer } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_REASON } from '@/lib/workshop/controls';
import type { GroupRoomStatus, WorkshopView } from '@/lib/protocol/workshop-http';
import { parseConfig } from '@/server/config';
import { DesignHistory } from '@/server/design-history';
import { DesignStore } from '@/server/design-store';
import { Accounts } from '@/server/access/accounts';
import { DesignAccess } from '@/server/access/design-access';
import { People } from '@/server/access/people';
import { GUEST_COOKIE, GuestIdentities } from '@/server/identity';
import type { JobRunner } from '@/server/jobs/index';
import { Realtime } from '@/server/realtime';
import { RunStore } from '@/server/run-store';
import { provideServices, services } from '@/server/services';
import { createAssignments } from '@/server/assignments/index';
import { createTestDatabase } from '@/server/test-database';
import { WorkshopLive } from '@/server/workshops/workshop-live';
import { WorkshopStore } from '@/server/workshops/workshop-store';
import * as workshopsRoute from './route';
import * as joinRoute from './join/route';
import * as workshopRoute from './[id]/route';
import * as dashboardRoute from './[id]/dashboard/route';
import * as groupsRoute from './[id]/groups/route';
import * as pickRoute from './[id]/pick/route';
import * as designRoute from '../designs/[id]/route';

describe('workshop HTTP routes', () => {
  const identities = new GuestIdentities('r'.repeat(32));
  const teacher = { ...identities.newGuest(), name: 'Teacher' };
  const ada = { ...identities.newGuest(), name: 'Ada' };
  const stranger = { ...identities.newGuest(), name: 'Stranger' };
  let realtime: Realtime;
  let workshops: WorkshopStore;
  let dispose: () => Promise<void>;
  const ctx = (id: string) => ({ params: Promise.resolve({ id }) }) as never;
  const as = (who: typeof ada, path: string, method = 'GET', body?: unknown) =>
    new Request(`http://localhost${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', cookie: `${GUEST_COOKIE}=${identities.encode(who)}` },
    });

  beforeAll(async () => {
    const database = await createTestDatabase();
    dispose = database.dispose;
    const db = database.db;
    const designs = new DesignStore(db, { url: database.url });
    const log = pino({ level: 'silent' });
    const jobs: JobRunner = {
      submit: async () => ({ ok: false, code: 'closed', message: 'no jobs here' }),
      cancel: async () => false,
      jobsOf: async () => [],
      subscribe: () => () => undefined,
      close: async () => undefined,
    };
    const access = new DesignAccess(db);
    const people = new People(identities, new Accounts(db));
    realtime = new Realtime(createServer(), designs, people, access, log, jobs, new RunStore(db));
    workshops = new WorkshopStore(db, designs, access);
    const workshopLive = new WorkshopLive(realtime, workshops, people, log);
    const parsed = parseConfig({ DATABASE_URL: database.url });
    if (!parsed.ok) throw new Error(parsed.message);
    provideServices({ config: parsed.config, db, designs, history: new DesignHistory(designs), runs: new RunStore(db), realtime, identities, people, accounts: new Accounts(db), access, jobs, workshops, workshopLive, assignments: createAssignments(db, designs, jobs, log), log, version: 'test' });
  });
  afterAll(async () => {
    await realtime.close();
    await dispose();
  });

  it('create, join by code, see it as each may, and a frozen workshop refuses edits over HTTP too', async () => {
    const bad = await workshopsRoute.POST(as(teacher, '/api/workshops', 'POST', { title: '', starter: { kind: 'blank' }, grouping: 'auto' }));
    expect(bad.status).toBe(400);
    const created = await workshopsRoute.POST(as(teacher, '/api/workshops', 'POST', { title: 'HTTP day', starter: { kind: 'template', template: 'tiny-encoder-classifier' }, grouping: 'auto', groupSize: 2 }));
    expect(created.status).toBe(201);
    const { workshop } = (await created.json()) as { workshop: { id: string; joinCode: string; joinLink: string } };
    expect(workshop.joinLink).toMatch(/^\/w\/join\/[A-Za-z0-9_-]+$/);

    expect((await joinRoute.POST(as(ada, '/api/workshops/join', 'POST', { code: 'ZZZZZZ', displayName: 'Ada' }))).status).toBe(404);
    expect((await joinRoute.POST(as(ada, '/api/workshops/join', 'POST', { code: workshop.joinCode }))).status).toBe(400);
    const joined = await joinRoute.POST(as(ada, '/api/workshops/join', 'POST', { code: workshop.joinCode, displayName: 'Ada' }));
    expect(joined.status).toBe(200);

    // A stranger sees nothing (404, like no workshop); a participant never sees the join secrets nor the dashboard.
    expect((await workshopRoute.GET(as(stranger, `/api/workshops/${workshop.id}`), ctx(workshop.id))).status).toBe(404);
    expect((await dashboardRoute.GET(as(stranger, `/api/workshops/${workshop.id}/dashboard`), ctx(workshop.id))).status).toBe(404);
    const adaView = (await (await workshopRoute.GET(as(ada, `/api/workshops/${workshop.id}`), ctx(workshop.id))).json()) as { workshop: WorkshopView };
    expect(adaView.workshop).toMatchObject({ joinCode: null, joinToken: null, you: { role: 'participant', displayName: 'Ada' } });
    expect((await dashboardRoute.GET(as(ada, `/api/workshops/${workshop.id}/dashboard`), ctx(workshop.id))).status).toBe(403);
    expect((await groupsRoute.POST(as(ada, `/api/workshops/${workshop.id}/groups`, 'POST', { count: 1 }), ctx(workshop.id))).status).toBe(403);
    // With "n per group" nobody picks.
    expect((await pickRoute.POST(as(ada, `/api/workshops/${workshop.id}/pick`, 'POST', { groupId: 'x' }), ctx(workshop.id))).status).toBe(403);

    const dash = (await (await dashboardRoute.GET(as(teacher, `/api/workshops/${workshop.id}/dashboard`), ctx(workshop.id))).json()) as { groups: GroupRoomStatus[] };
    expect(dash.groups).toHaveLength(1);
    expect(dash.groups[0]).toMatchObject({ name: 'Group 1', members: ['Ada'], errors: 0, present: [], latestRun: null });
    expect(dash.groups[0].params).toBeGreaterThan(1000);
    expect(dash.groups[0].doc.nodes.length).toBeGreaterThan(0);

    const list = (await (await workshopsRoute.GET(as(ada, '/api/workshops'))).json()) as { workshops: Array<{ id: string; role: string }> };
    expect(list.workshops).toEqual([expect.objectContaining({ id: workshop.id, role: 'participant' })]);

    // Frozen: renaming the group's design over HTTP is refused with the same reason as on the socket.
    const designId = dash.groups[0].designId;
    await workshops.setFrozen(workshop.id, true);
    await services().workshopLive.refreezeGroups(workshop.id);
    const refused = await designRoute.PATCH(as(ada, `/api/designs/${designId}`, 'PATCH', { title: 'Ours now' }), ctx(designId));
    expect(refused.status).toBe(423);
    expect(await refused.json()).toMatchObject({ ok: false, code: FROZEN_REASON });
    await workshops.setFrozen(workshop.id, false);
    await services().workshopLive.refreezeGroups(workshop.id);
    expect((await designRoute.PATCH(as(ada, `/api/designs/${designId}`, 'PATCH', { title: 'Ours now' }), ctx(designId))).status).toBe(200);
  });
});
