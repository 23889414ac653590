import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDesignDocument } from '../lib/design/document.ts';
import { DesignStore, VersionConflict } from './design-store.ts';
import { pingDb, createDb, type Db } from './db.ts';
import { createTestDatabase, TEST_PROVIDERS } from './test-database.ts';

const ada = { id: 'g_ada0000000', name: 'Ada' };

const variants = [
  ...TEST_PROVIDERS.map((provider) => [provider, 'through Prisma', false] as const),
  ...TEST_PROVIDERS.map((provider) => [provider, 'through the driver (the hot path)', true] as const),
];

const renamed = (title: string) => ({ op: { type: 'renameDesign' as const, title }, next: { title, doc: emptyDesignDocument() } });

describe.each(variants)('DesignStore on a real %s database, edits %s', (provider, _name, fast) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let store: DesignStore;

  beforeEach(async () => {
    const database = await createTestDatabase(provider);
    ({ db, dispose } = database);
    store = new DesignStore(db, fast ? { url: database.url } : {});
  });
  afterEach(async () => {
    await store.close();
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

  it('a rebased append on the latest version stores at once; behind it, it is prepared again on exactly the ops it missed', async () => {
    const d = await store.create(ada);
    const seen: number[][] = [];
    const append = (known: number, title: string) =>
      store.appendRebased({
        designId: d.id,
        knownVersion: known,
        author: ada,
        clientOpId: title,
        prepare: (missed) => (seen.push(missed.map((m) => m.version)), renamed(title)),
      });
    expect(await append(0, 'First')).toMatchObject({ version: 1 });
    expect(await append(1, 'Second')).toMatchObject({ version: 2 });
    expect(seen).toEqual([[], []]);
    seen.length = 0;
    // A writer that still believes version 0 is the latest.
    expect(await append(0, 'Late')).toMatchObject({ version: 3 });
    expect(seen).toEqual([[], [1, 2]]);
    const log = await store.opsSince(d.id, 0);
    expect(log.map((o) => [o.version, o.clientOpId])).toEqual([[1, 'First'], [2, 'Second'], [3, 'Late']]);
    expect(log[0]).toMatchObject({ author: ada, op: { type: 'renameDesign', title: 'First' } });
    expect(Date.parse(log[2].createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await store.get(d.id))!).toMatchObject({ version: 3, title: 'Late' });
  });

  it('stores nothing when the edit is refused on top of what it missed', async () => {
    const d = await store.create(ada);
    await store.appendOp(d.id, 0, renamed('Taken').op, renamed('Taken').next, ada);
    const answer = await store.appendRebased({ designId: d.id, knownVersion: 0, author: ada, prepare: (missed) => (missed.length === 0 ? renamed('Mine') : null) });
    expect(answer).toBeNull();
    expect((await store.opsSince(d.id, 0)).map((o) => o.version)).toEqual([1]);
    expect((await store.get(d.id))!.title).toBe('Taken');
  });

  it('writers racing from stale versions all land, each once, on one gapless history whose every state follows from its ops', async () => {
    const d = await store.create(ada);
    // Each writer keeps its own idea of the state, as a room on another instance does.
    const writers = Array.from({ length: fast ? 6 : 2 }, (_, w) => ({ known: 0, w }));
    let rebased = 0;
    const edit = async (writer: (typeof writers)[number], i: number) => {
      const title = `w${writer.w}-${i}`;
      const stored = await store.appendRebased({
        designId: d.id,
        knownVersion: writer.known,
        author: ada,
        clientOpId: title,
        prepare: (missed) => {
          if (missed.length > 0) rebased++;
          for (const m of missed) {
            expect(m.version).toBe(writer.known + 1);
            writer.known = m.version;
          }
          return renamed(title);
        },
      });
      writer.known = stored!.version;
    };
    await Promise.all(writers.map(async (writer) => { for (let i = 0; i < 4; i++) await edit(writer, i); }));
    const log = await store.opsSince(d.id, 0);
    expect(log.map((o) => o.version)).toEqual(Array.from({ length: writers.length * 4 }, (_, i) => i + 1));
    expect(new Set(log.map((o) => o.clientOpId)).size).toBe(log.length);
    // Every writer's first edit was based on version 0: all but one were prepared again.
    expect(rebased).toBeGreaterThanOrEqual(writers.length - 1);
    expect((await store.get(d.id))!.title).toBe((log[log.length - 1].op as { title: string }).title);
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
