import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppliedOp, Participant } from '../../lib/protocol/messages.ts';
import { DesignStore } from '../design-store.ts';
import { createTestDatabase, TEST_PROVIDERS } from '../test-database.ts';
import { DesignRoom, type RoomSink } from './design-room.ts';

const ada: Participant = { id: 'g_ada0000000', name: 'Ada', colour: '#e11d48' };
const bob: Participant = { id: 'g_bob0000000', name: 'Bob', colour: '#2563eb' };
const mha = (id: string) => ({ type: 'addNode', node: { id, type: 'multi-head-attention', params: {}, position: { x: 0, y: 0 } } });
const heads = (n: number) => ({ type: 'setParams', id: 'n1', params: { heads: n } });

describe.each(TEST_PROVIDERS)('a resent edit is stored once (%s)', (provider) => {
  let dispose: () => Promise<void>;
  let store: DesignStore;
  let designId: string;
  /** How often the op log was searched by clientOpId. */
  let lookups: number;
  const open = (sink: Partial<RoomSink> = {}) =>
    store.get(designId).then((d) => new DesignRoom(designId, { state: d!.state, version: d!.version }, store, { applied: () => {}, diagnostics: () => {}, ...sink }));

  beforeEach(async () => {
    const database = await createTestDatabase(provider);
    dispose = database.dispose;
    store = new DesignStore(database.db, { url: database.url });
    designId = (await store.create(ada)).id;
    lookups = 0;
    const lookup = store.opByClientOpId.bind(store);
    store.opByClientOpId = (id, clientOpId) => {
      lookups++;
      return lookup(id, clientOpId);
    };
  });
  afterEach(async () => {
    await store.close();
    await dispose();
  });

  const versions = async () => (await store.opsSince(designId, 0)).map((o) => o.version);

  it('ordinary edits never search the op log (the hot path stays one write)', async () => {
    const room = await open();
    await room.submit(ada, 'a1', mha('n1'));
    await room.submit(ada, 'a2', heads(2));
    expect(lookups).toBe(0);
    expect(await versions()).toEqual([1, 2]);
  });

  it('a resend of an edit the room stored moments ago is answered from memory with its version, and not stored again', async () => {
    const room = await open();
    expect(await room.submit(ada, 'a1', mha('n1'))).toEqual({ ok: true, clientOpId: 'a1', version: 1 });
    expect(await room.submit(ada, 'a2', heads(2))).toMatchObject({ ok: true, version: 2 });
    expect(await room.submit(ada, 'a1', mha('n1'), undefined, true)).toEqual({ ok: true, clientOpId: 'a1', version: 1, op: mha('n1') });
    expect(await room.submit(ada, 'a2', heads(2), undefined, true)).toEqual({ ok: true, clientOpId: 'a2', version: 2, op: heads(2) });
    expect(lookups).toBe(0);
    expect(await versions()).toEqual([1, 2]);
    expect(room.current.version).toBe(2);
  });

  it('after a restart (a fresh room) the resend is found in the database', async () => {
    await (await open()).submit(ada, 'a1', heads(3)).then((a) => expect(a).toMatchObject({ ok: false })); // no node yet: refused, nothing kept
    await (await open()).submit(ada, 'a2', mha('n1'));
    const restarted = await open();
    expect(await restarted.submit(ada, 'a2', mha('n1'), undefined, true)).toEqual({ ok: true, clientOpId: 'a2', version: 1, op: mha('n1') });
    expect(lookups).toBe(1);
    // A resend that was never stored (refused, or lost before it arrived) is an ordinary edit.
    expect(await restarted.submit(ada, 'a1', heads(3), undefined, true)).toEqual({ ok: true, clientOpId: 'a1', version: 2 });
    expect(await versions()).toEqual([1, 2]);
  });

  it('an id used again without the resend mark is caught by the unique (design, clientOpId) and answered the same way', async () => {
    const room = await open();
    await room.submit(bob, 'b0', mha('n1'));
    await room.submit(ada, 'a1', heads(2));
    // A room that does not remember it (another instance, or after a restart), at the latest version.
    const answer = await (await open()).submit(ada, 'a1', heads(2));
    expect(answer).toEqual({ ok: true, clientOpId: 'a1', version: 2, op: heads(2) });
    expect(await versions()).toEqual([1, 2]);
  });

  it('an edit that loses the race to its own stored copy (another instance wrote it) is answered with that copy', async () => {
    const room = await open();
    await room.submit(bob, 'b0', mha('n1'));
    const behind = await open();
    await room.submit(ada, 'a1', heads(2));
    // `behind` has not heard of version 2: its write conflicts, it reads the log, and finds a1 there.
    expect(await behind.submit(ada, 'a1', heads(2))).toEqual({ ok: true, clientOpId: 'a1', version: 2, op: heads(2) });
    expect(await versions()).toEqual([1, 2]);
    expect(behind.current).toEqual(room.current);
  });

  it('an op another instance announced is known by its clientOpId: a resend reaching this one is answered from memory', async () => {
    const accepted: AppliedOp[] = [];
    const there = await store.get(designId).then(
      (d) => new DesignRoom(designId, { state: d!.state, version: d!.version }, store, { applied: () => {}, diagnostics: () => {}, accepted: (m) => accepted.push(m) }, { shared: true }),
    );
    const here = await open();
    await there.submit(ada, 'a1', mha('n1'));
    expect(accepted.map((m) => m.clientOpId)).toEqual(['a1']);
    await here.remoteApplied(accepted[0]);
    expect(await here.submit(ada, 'a1', mha('n1'), undefined, true)).toEqual({ ok: true, clientOpId: 'a1', version: 1, op: mha('n1') });
    expect(lookups).toBe(0);
    expect(await versions()).toEqual([1]);
  });

  it('nobody can claim someone else’s edit id', async () => {
    const room = await open();
    await room.submit(ada, 'a1', mha('n1'));
    expect(await room.submit(bob, 'a1', mha('n1'), undefined, true)).toMatchObject({ ok: false, code: 'bad-message', clientOpId: 'a1' });
    expect(await (await open()).submit(bob, 'a1', mha('n2'))).toMatchObject({ ok: false, code: 'bad-message' });
    expect(await versions()).toEqual([1]);
  });

  it('the history a client receives names each op’s clientOpId: catch-up, and the ops read back after a lost race', async () => {
    const told: AppliedOp[] = [];
    const room = await open({ applied: (m) => told.push(m) });
    const other = await open();
    await other.submit(bob, 'b1', mha('n1'));
    // An op stored without one (as rows from before clientOpId was kept) has none.
    const d = (await store.get(designId))!;
    await store.appendOp(designId, 1, { type: 'renameDesign', title: 'Old row' }, { ...d.state, title: 'Old row' }, bob);
    await room.submit(ada, 'a1', { type: 'renameDesign', title: 'Ours' });
    // The room's clients hear what it missed, then its own op.
    expect(told.map((m) => [m.version, m.clientOpId])).toEqual([
      [1, 'b1'],
      [2, undefined],
      [3, 'a1'],
    ]);
    expect('clientOpId' in told[1]).toBe(false);
    const catchUp = await room.catchUp(0);
    expect(catchUp.kind === 'ops' && catchUp.ops.map((o) => [o.version, o.clientOpId])).toEqual([
      [1, 'b1'],
      [2, undefined],
      [3, 'a1'],
    ]);
  });
});
