import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppliedOp, Participant } from '../../lib/protocol/messages.ts';
import { DesignStore } from '../design-store.ts';
import { createTestDatabase, TEST_PROVIDERS } from '../test-database.ts';
import { DesignRoom } from '../rooms/design-room.ts';

const ada: Participant = { id: 'g_ada0000000', name: 'Ada', colour: '#e11d48' };
const bob: Participant = { id: 'g_bob0000000', name: 'Bob', colour: '#2563eb' };
const mha = (id: string, x = 0) => ({ type: 'addNode', node: { id, type: 'multi-head-attention', params: {}, position: { x, y: 0 } } });

/** Two instances' rooms of one design on one database, as RedisCluster wires them (announcements passed by hand). */
describe.each(TEST_PROVIDERS)('rooms of one design on two instances (%s)', (provider) => {
  let dispose: () => Promise<void>;
  let store: DesignStore;
  let a: DesignRoom;
  let b: DesignRoom;
  const sent = { a: [] as AppliedOp[], b: [] as AppliedOp[] };
  const accepted = { a: [] as AppliedOp[], b: [] as AppliedOp[] };

  beforeEach(async () => {
    const database = await createTestDatabase(provider);
    dispose = database.dispose;
    store = new DesignStore(database.db, { sqliteUrl: database.url });
    const d = await store.create(ada);
    const stored = (await store.get(d.id))!;
    for (const k of ['a', 'b'] as const) {
      sent[k] = [];
      accepted[k] = [];
    }
    const room = (k: 'a' | 'b') =>
      new DesignRoom(
        d.id,
        { state: stored.state, version: stored.version },
        store,
        { applied: (m) => sent[k].push(m), diagnostics: () => undefined, accepted: (m) => accepted[k].push(m) },
        { shared: true },
      );
    a = room('a');
    b = room('b');
  });
  afterEach(async () => {
    store.close();
    await dispose();
  });

  it('applies an op announced by the other instance in order and silently (its clients heard it from the author’s instance)', async () => {
    expect(await a.submit(ada, 'a1', mha('n1'))).toMatchObject({ ok: true, version: 1 });
    expect(accepted.a.map((m) => m.version)).toEqual([1]);
    await b.remoteApplied(accepted.a[0]);
    // A duplicate announcement changes nothing.
    await b.remoteApplied(accepted.a[0]);
    expect(b.current).toEqual(a.current);
    expect(sent.b).toEqual([]);
    expect(b.diagnostics.version).toBe(1);
  });

  it('reads the database when an announcement skips versions (one was lost or overtaken)', async () => {
    await a.submit(ada, 'a1', mha('n1'));
    await a.submit(ada, 'a2', mha('n2', 100));
    await a.submit(ada, 'a3', { type: 'renameDesign', title: 'Ours' });
    await b.remoteApplied(accepted.a[2]);
    expect(b.current).toEqual(a.current);
    expect(b.current.version).toBe(3);
    // The overtaken ones, arriving late, are ignored.
    await b.remoteApplied(accepted.a[0]);
    await b.remoteApplied(accepted.a[1]);
    expect(b.current).toEqual(a.current);
  });

  it('loses the race on the version, re-reads what it missed, re-validates the op on it and stores it next', async () => {
    await a.submit(ada, 'a1', mha('n1'));
    // B has not heard of version 1 yet: its edit conflicts in the database, then lands as version 2.
    const answer = await b.submit(bob, 'b1', mha('n2', 100));
    expect(answer).toEqual({ ok: true, clientOpId: 'b1', version: 2 });
    // B re-announces what it missed before its own op, so every client sees them in order.
    expect(sent.b.map((m) => m.version)).toEqual([1, 2]);
    expect(accepted.b.map((m) => m.version)).toEqual([2]);
    expect((await store.opsSince(a.designId, 0)).map((o) => o.version)).toEqual([1, 2]);
    await a.remoteApplied(accepted.b[0]);
    expect(a.current).toEqual(b.current);
    expect(b.current.state.doc.nodes.map((n) => n.id).sort()).toEqual(['n1', 'n2']);
  });

  it('refuses, with the reason, an op that no longer applies after re-basing on what the other instance stored', async () => {
    await a.submit(ada, 'a1', mha('n1'));
    // B still believes no n1 exists; the re-validated op adds a duplicate id and is refused.
    const answer = await b.submit(bob, 'b1', mha('n1', 300));
    expect(answer).toMatchObject({ ok: false, code: 'refused-op', clientOpId: 'b1' });
    expect((await store.opsSince(a.designId, 0)).map((o) => o.version)).toEqual([1]);
    expect(b.current).toEqual(a.current);
  });

  it('concurrent edits on both instances: every accepted op stored once, versions without gaps, both rooms equal', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a.submit(ada, `a${i}`, mha(`a${i}`, i * 10)) : b.submit(bob, `b${i}`, mha(`b${i}`, i * 10)))),
    );
    expect(answers.every((x) => x.ok)).toBe(true);
    const versions = answers.map((x) => (x.ok ? x.version : 0)).sort((x, y) => x - y);
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const m of accepted.a) await b.remoteApplied(m);
    for (const m of accepted.b) await a.remoteApplied(m);
    const log = await store.opsSince(a.designId, 0);
    expect(log.map((o) => o.version)).toEqual(versions);
    expect(a.current).toEqual(b.current);
    expect(a.current.version).toBe(12);
    expect((await store.get(a.designId))!.state).toEqual(a.current.state);
  });

  it('a joining client’s catch-up includes what the other instance stored but has not announced yet', async () => {
    await a.submit(ada, 'a1', mha('n1'));
    const catchUp = await b.catchUp(0);
    expect(catchUp).toMatchObject({ kind: 'ops', fromVersion: 0 });
    expect(catchUp.kind === 'ops' && catchUp.ops.map((o) => o.version)).toEqual([1]);
    expect(b.current.version).toBe(1);
  });
});
