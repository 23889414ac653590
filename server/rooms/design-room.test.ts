import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppliedOp, DiagnosticsMessage, Participant } from '../../lib/protocol/messages.ts';
import { applyLoggedOp, type DesignState } from '../../lib/design/design-state.ts';
import { emptyDesignDocument } from '../../lib/design/document.ts';
import { DEFAULT_TITLE } from '../../lib/design/title.ts';
import { DesignStore } from '../design-store.ts';
import { createDb, type Db } from '../db.ts';
import { createTestDatabase, TEST_PROVIDERS } from '../test-database.ts';
import { DesignRoom, MAX_CATCH_UP_OPS } from './design-room.ts';
import { RoomHub } from './room-hub.ts';

const ada: Participant = { id: 'g_ada0000000', name: 'Ada', colour: '#e11d48' };
const bob: Participant = { id: 'g_bob0000000', name: 'Bob', colour: '#2563eb' };
const mha = (id: string) => ({ type: 'addNode', node: { id, type: 'multi-head-attention', params: {}, position: { x: 0, y: 0 } } });

describe.each(TEST_PROVIDERS)('DesignRoom (%s)', (provider) => {
  let db: Db;
  let url: string;
  let dispose: () => Promise<void>;
  let store: DesignStore;
  let applied: AppliedOp[];
  let diagnostics: DiagnosticsMessage[];
  let room: DesignRoom;

  beforeEach(async () => {
    const database = await createTestDatabase(provider);
    ({ db, dispose, url } = database);
    store = new DesignStore(db, { url: database.url });
    applied = [];
    diagnostics = [];
    const d = await store.create(ada);
    const stored = await store.get(d.id);
    room = new DesignRoom(d.id, { state: stored!.state, version: 0 }, store, {
      applied: (m) => applied.push(m),
      diagnostics: (m) => diagnostics.push(m),
    });
  });
  afterEach(async () => {
    await store.close();
    await dispose();
  });

  it('numbers concurrent edits in order, stores each, and announces each once', async () => {
    const answers = await Promise.all([
      room.submit(ada, 'a1', mha('n1')),
      room.submit(bob, 'b1', mha('n2')),
      room.submit(ada, 'a2', { type: 'renameDesign', title: 'Ours' }),
    ]);
    expect(answers).toEqual([
      { ok: true, clientOpId: 'a1', version: 1 },
      { ok: true, clientOpId: 'b1', version: 2 },
      { ok: true, clientOpId: 'a2', version: 3 },
    ]);
    expect(applied.map((a) => [a.version, a.author.name, a.clientOpId])).toEqual([
      [1, 'Ada', 'a1'],
      [2, 'Bob', 'b1'],
      [3, 'Ada', 'a2'],
    ]);
    const stored = await store.get(room.designId);
    expect(stored?.version).toBe(3);
    expect(stored?.state).toEqual(room.current.state);
    expect((await store.opsSince(room.designId, 0)).map((o) => o.version)).toEqual([1, 2, 3]);
  });

  it('refuses a bad op with a reason and changes nothing', async () => {
    const answer = await room.submit(ada, 'x', { type: 'setParams', id: 'ghost', params: { heads: 2 } });
    expect(answer).toMatchObject({ ok: false, code: 'refused-op', reason: 'unknown-node', clientOpId: 'x' });
    const malformed = await room.submit(ada, 'y', { type: 'addNode' });
    expect(malformed).toMatchObject({ ok: false, code: 'refused-op', reason: 'bad-op' });
    expect(room.current.version).toBe(0);
    expect(applied).toEqual([]);
    expect(await store.opsSince(room.designId, 0)).toEqual([]);
  });

  it('validates after every accepted op and says which version the diagnostics describe', async () => {
    expect(room.diagnostics.version).toBe(0);
    await room.submit(ada, 'a1', mha('n1'));
    expect(diagnostics.at(-1)).toMatchObject({ version: 1, ok: false });
    expect(diagnostics.at(-1)!.diagnostics.map((d) => d.code)).toContain('missing-input');
  });

  it('catches a client up with exactly the ops it missed, or a snapshot when too far behind', async () => {
    for (let i = 0; i < 3; i++) await room.submit(ada, `a${i}`, mha(`n${i}`));
    const catchUp = await room.catchUp(1);
    expect(catchUp.kind === 'ops' && catchUp.ops.map((o) => o.version)).toEqual([2, 3]);
    expect(await room.catchUp(3)).toEqual({ kind: 'ops', fromVersion: 3, ops: [] });
    expect((await room.catchUp(undefined)).kind).toBe('snapshot');
    expect((await room.catchUp(99)).kind).toBe('snapshot');
    expect(MAX_CATCH_UP_OPS).toBeGreaterThan(100);
  });

  it('loses nothing acknowledged: a fresh room (as after a restart) has every op', async () => {
    await room.submit(ada, 'a1', mha('n1'));
    await room.submit(bob, 'b1', { type: 'renameDesign', title: 'Kept' });
    const hub = new RoomHub(new DesignStore(db), () => ({ applied: () => {}, diagnostics: () => {} }));
    const reopened = await hub.room(room.designId);
    expect(reopened?.current).toEqual(room.current);
  });

  it('catches up with another process that wrote first, then applies the edit', async () => {
    // A second room on the same database stands for another server process.
    const other = new DesignRoom(room.designId, { state: room.current.state, version: 0 }, store, { applied: () => {}, diagnostics: () => {} });
    await other.submit(bob, 'b1', mha('fromOther'));
    const answer = await room.submit(ada, 'a1', mha('fromHere'));
    expect(answer).toEqual({ ok: true, clientOpId: 'a1', version: 2 });
    expect(applied.map((a) => a.version)).toEqual([1, 2]);
    expect(room.current.state.doc.nodes.map((n) => n.id)).toEqual(['fromOther', 'fromHere']);
  });

  it('two processes on their own connections edit one design at once: no gaps, no duplicates, one history', async () => {
    // Another server process: its own Prisma client and pool on the same database.
    const otherDb = createDb(url);
    try {
      const other = new DesignRoom(room.designId, { state: room.current.state, version: 0 }, new DesignStore(otherDb), {
        applied: () => {},
        diagnostics: () => {},
      });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => [room.submit(ada, `a${i}`, mha(`a${i}`)), other.submit(bob, `b${i}`, mha(`b${i}`))]).flat(),
      );
      for (const a of answers) if (!a.ok) expect(a).toMatchObject({ code: 'conflict', message: expect.stringMatching(/not saved/) });
      const accepted = answers.filter((a) => a.ok);
      expect(accepted.length).toBeGreaterThan(8);
      const log = await store.opsSince(room.designId, 0);
      expect(log.map((o) => o.version)).toEqual(accepted.map((_, i) => i + 1));
      expect(new Set(accepted.map((a) => a.ok && a.version)).size).toBe(accepted.length);
      // Replaying the stored log from the blank canvas gives the stored document, holding each accepted edit once.
      let replayed: DesignState = { title: DEFAULT_TITLE, doc: emptyDesignDocument() };
      for (const entry of log) {
        const step = applyLoggedOp(replayed, entry.op);
        if (!step.ok) throw new Error(step.message);
        replayed = step.state;
      }
      expect(replayed).toEqual((await store.get(room.designId))!.state);
      expect(replayed.doc.nodes.map((n) => n.id).sort()).toEqual(accepted.map((a) => a.clientOpId).sort());
      const fresh = await new RoomHub(store, () => ({ applied: () => {}, diagnostics: () => {} })).room(room.designId);
      expect(fresh?.current).toEqual({ version: accepted.length, state: replayed });
    } finally {
      await otherDb.$disconnect();
    }
  });

  it('tracks people, not tabs', () => {
    expect(room.arrive(ada)).toBe(true);
    expect(room.arrive(ada)).toBe(false);
    expect(room.arrive(bob)).toBe(true);
    expect(room.participants.map((p) => p.name)).toEqual(['Ada', 'Bob']);
    expect(room.leave(ada.id)).toBe(false);
    expect(room.leave(ada.id)).toBe(true);
    expect(room.participants.map((p) => p.name)).toEqual(['Bob']);
  });
  it('stamps a comment with the poster and the server clock, and lets no one else delete it', async () => {
    await room.submit(ada, 'a1', mha('n1'));
    const before = Date.now();
    const comment = { id: 'c1', nodeId: 'n1', author: 'Bob', authorId: bob.id, text: 'Posted as Bob?', at: '2000-01-01T00:00:00Z', resolved: false, replies: [] };
    const answer = await room.submit(ada, 'a2', { type: 'addComment', comment });
    expect(answer).toMatchObject({ ok: true, version: 2, op: { type: 'addComment', comment: { author: 'Ada', authorId: ada.id } } });
    const stored = room.current.state.doc.comments[0];
    expect(stored).toMatchObject({ author: 'Ada', authorId: ada.id, text: 'Posted as Bob?' });
    expect(Date.parse(stored.at)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(stored.at)).toBeLessThanOrEqual(Date.now());
    // What everyone else applies, and what is stored, is the stamped op.
    expect(applied.at(-1)?.op).toEqual(answer.ok ? answer.op : null);
    expect((await store.opsSince(room.designId, 1))[0].op).toMatchObject({ comment: { author: 'Ada' } });

    const reply = await room.submit(bob, 'b1', { type: 'replyComment', commentId: 'c1', reply: { id: 'r1', author: 'Ada', text: 'Yes', at: 'soon' } });
    expect(reply.ok).toBe(true);
    expect(room.current.state.doc.comments[0].replies[0]).toMatchObject({ author: 'Bob', authorId: bob.id });

    expect(await room.submit(bob, 'b2', { type: 'deleteComment', id: 'c1' })).toMatchObject({ ok: false, reason: 'not-author' });
    expect(await room.submit(ada, 'a3', { type: 'deleteComment', id: 'c1' })).toMatchObject({ ok: true });
  });
});
