import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDesignDocument } from '../lib/design/document.ts';
import { DesignStore } from './design-store.ts';
import { pingDb, type Db } from './db.ts';
import { createTestDatabase } from './test-database.ts';

describe('DesignStore on a real SQLite database', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let store: DesignStore;

  beforeEach(async () => {
    ({ db, dispose } = await createTestDatabase());
    store = new DesignStore(db);
  });
  afterEach(() => dispose());

  it('creates a blank design at version 0 with an empty document', async () => {
    const d = await store.create();
    expect(d).toMatchObject({ title: 'Untitled design', version: 0 });
    const full = await store.get(d.id);
    expect(full?.snapshot).toEqual(emptyDesignDocument());
    expect(full?.snapshot).toMatchObject({ formatVersion: 1, nodes: [], edges: [] });
  });

  it('lists the most recently edited design first', async () => {
    const a = await store.create('A');
    const b = await store.create('B');
    expect((await store.list()).map((d) => d.id)).toEqual([b.id, a.id]);
    await store.rename(a.id, 'A again', 'guest');
    expect((await store.list()).map((d) => d.title)).toEqual(['A again', 'B']);
  });

  it('records a rename in the op log with the next version', async () => {
    const d = await store.create('Old');
    const renamed = await store.rename(d.id, 'New', 'guest');
    expect(renamed).toMatchObject({ title: 'New', version: 1 });
    await store.rename(d.id, 'Newer', 'guest');
    const ops = await db.designOp.findMany({ where: { designId: d.id }, orderBy: { version: 'asc' } });
    expect(ops.map((o) => [o.version, o.op])).toEqual([
      [1, { type: 'rename', title: 'New' }],
      [2, { type: 'rename', title: 'Newer' }],
    ]);
  });

  it('refuses a second op with a version already taken', async () => {
    const d = await store.create();
    await store.rename(d.id, 'One', 'guest');
    await expect(db.designOp.create({ data: { designId: d.id, version: 1, op: {}, author: 'x' } })).rejects.toThrow();
  });

  it('answers null for an unknown design and changes nothing', async () => {
    expect(await store.get('missing')).toBeNull();
    expect(await store.rename('missing', 'x', 'guest')).toBeNull();
    expect(await db.designOp.count()).toBe(0);
  });

  it('pings the database for real', async () => {
    expect(await pingDb(db)).toBe(true);
    await db.$disconnect();
    const broken = (await import('./db.ts')).createDb('file:/nonexistent-dir/for/sure/x.db');
    expect(await pingDb(broken)).toBe(false);
  });
});
