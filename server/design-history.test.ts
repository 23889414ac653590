import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Participant } from '../lib/protocol/messages.ts';
import { DesignHistory } from './design-history.ts';
import { DesignStore } from './design-store.ts';
import { createTestDatabase, TEST_PROVIDERS } from './test-database.ts';
import { DesignRoom } from './rooms/design-room.ts';

const ada: Participant = { id: 'g_ada0000000', name: 'Ada', colour: '#e11d48' };
const mha = (id: string) => ({ type: 'addNode', node: { id, type: 'multi-head-attention', params: {}, position: { x: 0, y: 0 } } });

describe.each(TEST_PROVIDERS)('DesignHistory (%s)', (provider) => {
  let store: DesignStore;
  let history: DesignHistory;
  let room: DesignRoom;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    const database = await createTestDatabase(provider);
    dispose = database.dispose;
    store = new DesignStore(database.db);
    history = new DesignHistory(store);
    const d = await store.create(ada);
    room = new DesignRoom(d.id, { state: (await store.get(d.id))!.state, version: 0 }, store, { applied: () => {}, diagnostics: () => {} });
    await room.submit(ada, '1', mha('a'));
    await room.submit(ada, '2', { type: 'renameDesign', title: 'Two layers' });
    await room.submit(ada, '3', mha('b'));
  });
  afterEach(() => dispose());

  it('lists versions newest first with author and time', async () => {
    const list = await history.versions(room.designId, 3);
    expect(list.map((v) => [v.version, v.op, v.author.name])).toEqual([
      [3, 'addNode', 'Ada'],
      [2, 'renameDesign', 'Ada'],
      [1, 'addNode', 'Ada'],
    ]);
    expect((await history.versions(room.designId, 3, 1, 2)).map((v) => v.version)).toEqual([2]);
  });

  it('hands out the op log itself, oldest first, a page at a time', async () => {
    const all = await history.ops(room.designId, 0, 100, 3);
    expect(all.map((o) => [o.version, o.op.type, o.author.name])).toEqual([
      [1, 'addNode', 'Ada'],
      [2, 'renameDesign', 'Ada'],
      [3, 'addNode', 'Ada'],
    ]);
    expect(all[1].op).toEqual({ type: 'renameDesign', title: 'Two layers' });
    expect((await history.ops(room.designId, 1, 1, 3)).map((o) => o.version)).toEqual([2]);
    expect(await history.ops(room.designId, 3, 100, 3)).toEqual([]);
    // Never past the version the caller knows as current.
    expect((await history.ops(room.designId, 0, 100, 2)).map((o) => o.version)).toEqual([1, 2]);
  });

  it('rebuilds the design at any version', async () => {
    expect(await history.stateAt(room.designId, 0, 3)).toMatchObject({ title: 'Untitled design', doc: { nodes: [] } });
    const v2 = await history.stateAt(room.designId, 2, 3);
    expect(v2?.title).toBe('Two layers');
    expect(v2?.doc.nodes.map((n) => n.id)).toEqual(['a']);
    expect(await history.stateAt(room.designId, 3, 3)).toEqual(room.current.state);
    expect(await history.stateAt(room.designId, 4, 3)).toBeNull();
    expect(await history.stateAt(room.designId, -1, 3)).toBeNull();
  });

  it('restores a version as a new op, which keeps the history growing', async () => {
    const v1 = (await history.stateAt(room.designId, 1, 3))!;
    const answer = await room.submit(ada, 'r', { type: 'restoreVersion', fromVersion: 1, title: v1.title, doc: v1.doc });
    expect(answer).toMatchObject({ ok: true, version: 4 });
    expect(room.current.state).toEqual(v1);
    expect(await history.stateAt(room.designId, 3, 4)).toMatchObject({ title: 'Two layers' });
  });

  it('forks a version into a new design whose history starts there', async () => {
    const v2 = (await history.stateAt(room.designId, 2, 3))!;
    const forkId = await history.fork(v2, 2, ada, 'Two layers (fork)');
    const fork = await store.get(forkId);
    expect(fork).toMatchObject({ version: 1, state: { title: 'Two layers (fork)', doc: v2.doc } });
    expect(await history.stateAt(forkId, 1, 1)).toEqual(fork?.state);
    expect((await store.get(room.designId))?.version).toBe(3);
  });
});
