import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDesignDocument } from '../lib/design/document.ts';
import { DesignStore, VersionConflict } from './design-store.ts';
import { pingDb, createDb, type Db } from './db.ts';
import { createTestDatabase, TEST_PROVIDERS } from './test-database.ts';

const ada = { id: 'g_ada0000000', name: 'Ada' };

const variants = [
  ...TEST_PROVIDERS.map((provider) => [provider, 'through Prisma', false] as const),
  ['sqlite', 'through the driver (SQLite fast path)', true] as const,
];

describe.each(variants)('DesignStore on a real %s database, edits %s', (provider, _name, fast) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let store: DesignStore;

  beforeEach(async () => {
    const database = await createTestDatabase(provider);
    ({ db, dispose } = database);
    store = new DesignStore(db, fast ? { sqliteUrl: database.url } : {});
  });
  afterEach(async () => {
    store.close();
    await dispose();
  });

  it('creates a blank design at version 0 with an empty document', async () => {
    const d = await store.create(ada);
    expect(d).toMatchObject({ title: 'Untitled design', version: 0 });
    const full = await store.get(d.id);
    expect(full?.state).toEqual({ title: 'Untitled design', doc: emptyDesignDocument() });
  });

  it('records a chosen title as version 1, so version 0 is always the blank canvas', async () => {
    const d = await store.create(ada, 'Heads');
    expect(d).toMatchObject({ title: 'Heads', version: 1 });
    expect(await store.opsSince(d.id, 0)).toMatchObject([{ version: 1, op: { type: 'renameDesign', title: 'Heads' }, author: ada }]);
  });

  it('appends ops in order, stores the new state, and lists the most recently edited first', async () => {
    const a = await store.create(ada);
    const b = await store.create(ada);
    expect((await store.list()).map((d) => d.id)).toEqual([b.id, a.id]);
    await store.appendOp(a.id, 0, { type: 'renameDesign', title: 'A2' }, { title: 'A2', doc: emptyDesignDocument() }, ada);
    expect((await store.list()).map((d) => d.title)).toEqual(['A2', 'Untitled design']);
    expect((await store.get(a.id))?.version).toBe(1);
  });

  it('refuses a write based on a version someone else already moved past', async () => {
    const d = await store.create(ada);
    const next = { title: 'X', doc: emptyDesignDocument() };
    await store.appendOp(d.id, 0, { type: 'renameDesign', title: 'X' }, next, ada);
    await expect(store.appendOp(d.id, 0, { type: 'renameDesign', title: 'Y' }, next, ada)).rejects.toBeInstanceOf(VersionConflict);
    expect((await store.get(d.id))?.state.title).toBe('X');
    expect(await store.opsSince(d.id, 0)).toHaveLength(1);
  });

  it('lets exactly one of two writers racing for the same version win', async () => {
    const d = await store.create(ada);
    const rename = (title: string) =>
      store.appendOp(d.id, 0, { type: 'renameDesign', title }, { title, doc: emptyDesignDocument() }, ada);
    const results = await Promise.allSettled([rename('P'), rename('Q')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(VersionConflict);
    const ops = await store.opsSince(d.id, 0);
    expect(ops).toHaveLength(1);
    expect((await store.get(d.id))?.state.title).toBe((ops[0].op as { title: string }).title);
  });

  it('answers null for an unknown design', async () => {
    expect(await store.get('missing')).toBeNull();
    expect(await store.opsSince('missing', 0)).toEqual([]);
  });

  it('pings the database for real', async () => {
    expect(await pingDb(db)).toBe(true);
    const broken = createDb(provider === 'sqlite' ? 'file:/nonexistent-dir/for/sure/x.db' : 'postgresql://nobody@127.0.0.1:1/none');
    expect(await pingDb(broken)).toBe(false);
  });
});
