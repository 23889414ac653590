import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DesignAccess } from '../access/design-access.ts';
import { DesignStore } from '../design-store.ts';
import { createTestDatabase, TEST_PROVIDERS } from '../test-database.ts';
import { WorkshopStore } from './workshop-store.ts';
import { templateDocument } from '../../lib/design/templates/index.ts';
import type { Db } from '../db.ts';

const teacher = { id: 'g_teacher0000', name: 'Teacher', colour: '#000' };
const person = (n: number) => ({ id: `g_person${String(n).padStart(6, '0')}`, name: `P${n}`, colour: '#000' });

describe.each(TEST_PROVIDERS)('WorkshopStore (%s)', (provider) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let designs: DesignStore;
  let access: DesignAccess;
  let store: WorkshopStore;

  beforeEach(async () => {
    const database = await createTestDatabase(provider);
    db = database.db;
    dispose = database.dispose;
    designs = new DesignStore(db);
    access = new DesignAccess(db);
    store = new WorkshopStore(db, designs, access);
  });
  afterEach(async () => dispose());

  const create = async (over: Partial<Parameters<WorkshopStore['create']>[1]> = {}) => {
    const made = await store.create(teacher, { title: 'Attention day', starter: { kind: 'template', template: 'encoder-classifier' }, grouping: 'auto', groupSize: 2, groupCount: 3, ...over });
    if (!made.ok) throw new Error(made.message);
    return made.workshop;
  };

  it('gives a workshop a 6-letter code and a link token, and lists it as the instructor’s', async () => {
    const w = await create();
    expect(w.joinCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(w.joinToken.length).toBeGreaterThanOrEqual(20);
    expect(await store.listMine(teacher.id)).toEqual([expect.objectContaining({ id: w.id, role: 'instructor', title: 'Attention day' })]);
    expect(await store.memberOf(w.id, teacher.id)).toMatchObject({ role: 'instructor' });
  });

  it('refuses an unknown template and a starter design the instructor may not read', async () => {
    const bad = await store.create(teacher, { title: 'x', starter: { kind: 'template', template: 'nope' }, grouping: 'auto', groupSize: 2, groupCount: 1 });
    expect(bad).toMatchObject({ ok: false, code: 'unknown-template' });
    const someoneElses = await designs.create({ id: 'g_stranger000', name: 'S' });
    const hidden = await store.create(teacher, { title: 'x', starter: { kind: 'design', designId: someoneElses.id }, grouping: 'auto', groupSize: 2, groupCount: 1 });
    expect(hidden).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('puts people n per group as they join by code or link; each group has its own design from the starter, owned by the instructor, its participants editors', async () => {
    const w = await create();
    const joined = [];
    for (let i = 1; i <= 5; i++) {
      const by = i % 2 ? { code: w.joinCode.toLowerCase() } : { token: w.joinToken };
      const r = await store.join(person(i), by, `Person ${i}`);
      if (!r.ok) throw new Error(r.message);
      joined.push(r.groupId);
    }
    const groups = await store.groups(w.id);
    expect(groups.map((g) => g.members)).toEqual([['Person 1', 'Person 2'], ['Person 3', 'Person 4'], ['Person 5']]);
    expect(joined).toEqual([groups[0].id, groups[0].id, groups[1].id, groups[1].id, groups[2].id]);
    for (const g of groups) {
      expect(await access.roleOf(teacher.id, g.designId)).toBe('owner');
      const d = await designs.get(g.designId);
      expect(d!.state.doc.nodes.length).toBeGreaterThan(0);
      expect(await store.workshopOfDesign(g.designId)).toBe(w.id);
    }
    expect(await access.roleOf(person(1).id, groups[0].designId)).toBe('editor');
    expect(await access.roleOf(person(1).id, groups[1].designId)).toBeNull();
    // Joining again changes nothing but the name.
    expect(await store.join(person(1), { code: w.joinCode }, 'Ada')).toMatchObject({ ok: true, groupId: groups[0].id });
    expect((await store.groups(w.id))[0].members).toEqual(['Ada', 'Person 2']);
  });

  it('a starter design of the instructor’s is copied into each group, the original left alone', async () => {
    const template = templateDocument('tiny-encoder-classifier');
    if (!template.ok) throw new Error(template.message);
    const own = await designs.createFrom(teacher, { title: 'Mine', doc: template.doc });
    const w = await create({ starter: { kind: 'design', designId: own.id }, grouping: 'pick', groupCount: 2 });
    const groups = await store.groups(w.id);
    const original = await designs.get(own.id);
    for (const g of groups) {
      expect(g.designId).not.toBe(own.id);
      expect((await designs.get(g.designId))!.state.doc).toEqual(original!.state.doc);
    }
  });

  it('an unknown code or token joins nothing', async () => {
    await create();
    expect(await store.join(person(1), { code: 'QQQQQQ' }, 'x')).toMatchObject({ ok: false, code: 'not-found' });
    expect(await store.join(person(1), { code: 'not a code' }, 'x')).toMatchObject({ ok: false, code: 'not-found' });
    expect(await store.join(person(1), { token: 'nope' }, 'x')).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('with "pick", groups are made up front and a participant moves between them, losing the old design', async () => {
    const w = await create({ grouping: 'pick', groupCount: 2 });
    const [a, b] = await store.groups(w.id);
    expect(await store.join(person(1), { code: w.joinCode }, 'P')).toMatchObject({ ok: true, groupId: null });
    expect(await store.pickGroup(w.id, person(1).id, a.id)).toMatchObject({ ok: true });
    expect(await access.roleOf(person(1).id, a.designId)).toBe('editor');
    await store.pickGroup(w.id, person(1).id, b.id);
    expect(await access.roleOf(person(1).id, a.designId)).toBeNull();
    expect(await access.roleOf(person(1).id, b.designId)).toBe('editor');
    expect(await store.pickGroup(w.id, teacher.id, a.id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await store.pickGroup(w.id, person(9).id, a.id)).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('the view hides the join code and link from participants', async () => {
    const w = await create();
    await store.join(person(1), { code: w.joinCode }, 'P');
    expect(await store.view(w.id, teacher.id)).toMatchObject({ joinCode: w.joinCode, joinToken: w.joinToken, you: { role: 'instructor' } });
    expect(await store.view(w.id, person(1).id)).toMatchObject({ joinCode: null, joinToken: null, you: { role: 'participant' } });
    expect(await store.view(w.id, person(2).id)).toBeNull();
  });

  it('a spotlight lets every participant view the spotlit design until it ends, and no longer', async () => {
    const w = await create();
    await store.join(person(1), { code: w.joinCode }, 'P1');
    await store.join(person(2), { code: w.joinCode }, 'P2');
    await store.join(person(3), { code: w.joinCode }, 'P3');
    const [g1] = await store.groups(w.id);
    expect(await access.roleOf(person(3).id, g1.designId)).toBeNull();
    expect(await store.setSpotlight(w.id, g1.id)).toMatchObject({ ok: true });
    expect(await access.roleOf(person(3).id, g1.designId)).toBe('viewer');
    expect(await access.roleOf(person(1).id, g1.designId)).toBe('editor');
    // A late joiner sees the spotlight too.
    await store.join(person(4), { code: w.joinCode }, 'P4');
    expect(await access.roleOf(person(4).id, g1.designId)).toBe('viewer');
    expect(await store.setSpotlight(w.id, null)).toEqual({ ok: true, changed: [g1.designId] });
    expect(await access.roleOf(person(3).id, g1.designId)).toBeNull();
    expect(await access.roleOf(person(1).id, g1.designId)).toBe('editor');
  });

  it('keeps one open help request per group, in the order raised, until answered', async () => {
    const w = await create();
    for (let i = 1; i <= 3; i++) await store.join(person(i), { code: w.joinCode }, `P${i}`);
    const [g1, g2] = await store.groups(w.id);
    const raise = async (n: number, note: string) => {
      const m = (await store.memberOf(w.id, person(n).id))!;
      return store.help.raise(w.id, { groupId: m.groupId!, displayName: m.displayName }, note);
    };
    const first = await raise(3, 'shapes?');
    await raise(1, 'mask?');
    await raise(2, 'mask, please');
    const queue = await store.help.open(w.id);
    expect(queue.map((q) => [q.groupId, q.note, q.raisedBy])).toEqual([
      [g2.id, 'shapes?', 'P3'],
      [g1.id, 'mask, please', 'P2'],
    ]);
    expect(await store.help.answer(w.id, first)).toBe(true);
    expect(await store.help.answer(w.id, first)).toBe(false);
    expect((await store.help.open(w.id)).map((q) => q.groupId)).toEqual([g1.id]);
  });

  it('remembers frozen workshops across a restart', async () => {
    const w = await create();
    await store.join(person(1), { code: w.joinCode }, 'P1');
    await store.setFrozen(w.id, true);
    const [g1] = await store.groups(w.id);
    expect(await new WorkshopStore(db, designs, access).frozenDesigns()).toEqual(new Map([[g1.designId, w.id]]));
  });
});
