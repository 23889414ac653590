import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { AppliedOp, SubmitAnswer } from '../lib/protocol/messages.ts';
import type { LoggedOp } from '../lib/design/design-state.ts';
import { Accounts } from './access/accounts.ts';
import { DesignAccess } from './access/design-access.ts';
import { People } from './access/people.ts';
import type { Db } from './db.ts';
import { DesignStore } from './design-store.ts';
import { GUEST_COOKIE, GuestIdentities } from './identity.ts';
import { Realtime } from './realtime.ts';
import { createTestDatabase, TEST_PROVIDERS } from './test-database.ts';
import { TestTab } from './test-tab.ts';

const addMha = { type: 'addNode', node: { id: 'mha', type: 'multi-head-attention', params: { heads: 4 }, position: { x: 0, y: 0 } } } as LoggedOp;
const setHeads = (heads: number) => ({ type: 'setParams', id: 'mha', params: { heads } }) as LoggedOp;

const until = async (check: () => boolean, what: string, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** One server process: the real socket.io binding over a plain http server, on the test database. */
class ServerProcess {
  private constructor(
    readonly http: HttpServer,
    readonly realtime: Realtime,
    readonly store: DesignStore,
    readonly url: string,
  ) {}

  static async start(db: Db, databaseUrl: string, identities: GuestIdentities): Promise<ServerProcess> {
    const store = new DesignStore(db, { url: databaseUrl });
    const http = createServer();
    const realtime = new Realtime(http, store, new People(identities, new Accounts(db)), new DesignAccess(db), pino({ level: 'silent' }));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    return new ServerProcess(http, realtime, store, `http://127.0.0.1:${(http.address() as AddressInfo).port}`);
  }

  /**
   * The ack of the edit sent under `clientOpId` never reaches its author: the connection is cut
   * right after the op is stored (and announced), before the answer goes out.
   */
  loseAckOf(clientOpId: string): void {
    const append = this.store.appendRebased.bind(this.store);
    this.store.appendRebased = async (request) => {
      const stored = await append(request);
      if (stored && request.clientOpId === clientOpId) {
        for (const socket of this.realtime.io.sockets.sockets.values()) if (socket.data.person.name === 'Ada') socket.disconnect(true);
      }
      return stored;
    };
  }

  async stop(): Promise<void> {
    await this.realtime.close();
    await new Promise((r) => this.http.close(r));
    await this.store.close();
  }
}

describe.each(TEST_PROVIDERS)('a resent edit is never applied twice: real socket.io clients (%s)', (provider) => {
  const identities = new GuestIdentities('x'.repeat(32));
  let db: Db;
  let databaseUrl: string;
  let dispose: () => Promise<void>;
  let server: ServerProcess;
  let designId: string;
  const tabs: TestTab[] = [];
  const ada = { ...identities.newGuest(), name: 'Ada' };
  const bob = { ...identities.newGuest(), name: 'Bob' };
  const cookie = (p: typeof ada) => `${GUEST_COOKIE}=${identities.encode(p)}`;

  beforeEach(async () => {
    const database = await createTestDatabase(provider);
    ({ db, dispose } = database);
    databaseUrl = database.url;
    server = await ServerProcess.start(db, databaseUrl, identities);
    designId = (await server.store.create({ id: 'g_owner00000', name: 'Owner' })).id;
    const access = new DesignAccess(db);
    await access.addMember(designId, ada.id, 'editor');
    await access.addMember(designId, bob.id, 'editor');
  });

  afterEach(async () => {
    for (const t of tabs.splice(0)) t.close();
    await server.stop();
    await dispose();
  });

  async function tab(who: typeof ada): Promise<TestTab> {
    const t = new TestTab(cookie(who), designId);
    tabs.push(t);
    await t.open(server.url);
    return t;
  }

  /** Ada's tab connects again (the editor does so by itself), keeping its replica and pending edits. */
  async function reconnect(old: TestTab, on = server): Promise<TestTab> {
    const again = new TestTab(cookie(ada), designId);
    tabs.push(again);
    again.replica = old.replica;
    await again.open(on.url);
    return again;
  }

  const versions = async () => (await server.store.opsSince(designId, 0)).map((o) => o.version);

  it('an add-node stored before its ack was lost: after the reconnect it shows once, saved, never rolled back', async () => {
    const adaTab = await tab(ada);
    const bobTab = await tab(bob);
    const sent = adaTab.replica!.edit(addMha);
    if (!sent.ok) throw new Error(sent.message);
    server.loseAckOf(sent.clientOpId);
    adaTab.socket.emit('op:submit', { clientOpId: sent.clientOpId, baseVersion: 0, op: addMha }, () => {
      throw new Error('the ack was to be lost');
    });
    await until(() => adaTab.socket.disconnected, 'Ada’s connection is cut');
    expect(adaTab.replica!.unconfirmed.map((p) => p.clientOpId)).toEqual([sent.clientOpId]);

    const again = await reconnect(adaTab);
    // The catch-up brought version 1 with Ada's clientOpId: her edit is confirmed, nothing is left to resend.
    expect(again.confirmed).toEqual([sent.clientOpId]);
    expect(again.rolledBack).toEqual([]);
    expect(again.replica!.unconfirmed).toEqual([]);
    expect(await again.resendUnconfirmed()).toEqual([]);
    expect(again.replica!.version).toBe(1);
    expect(again.replica!.state.doc.nodes.map((n) => n.id)).toEqual(['mha']);
    expect(again.replica!.canUndo).toBe(true);
    expect(await versions()).toEqual([1]);
    await until(() => bobTab.replica!.version === 1, 'Bob sees the node');
    expect(bobTab.replica!.state).toEqual((await server.store.get(designId))!.state);
  });

  it('a param change whose ack was lost across a server restart: one version in the history, one undo entry', async () => {
    const adaTab = await tab(ada);
    expect((await adaTab.edit(addMha)).ok).toBe(true);
    const sent = adaTab.replica!.edit(setHeads(8));
    if (!sent.ok) throw new Error(sent.message);
    server.loseAckOf(sent.clientOpId);
    adaTab.socket.emit('op:submit', { clientOpId: sent.clientOpId, baseVersion: 1, op: setHeads(8) }, () => undefined);
    await until(() => adaTab.socket.disconnected, 'Ada’s connection is cut');
    // The process goes away and comes back: nothing of the op is left in memory.
    await server.stop();
    server = await ServerProcess.start(db, databaseUrl, identities);

    const again = await reconnect(adaTab);
    expect(again.confirmed).toEqual([sent.clientOpId]);
    expect(await again.resendUnconfirmed()).toEqual([]);
    expect(await versions()).toEqual([1, 2]);
    expect(again.replica!.state).toEqual((await server.store.get(designId))!.state);
    // Undo takes back the param change once, then the add: two edits, two undo entries.
    const undo = again.replica!.undo();
    if (!undo || !undo.ok) throw new Error('nothing to undo');
    expect(again.replica!.unconfirmed.at(-1)!.op).toEqual({ type: 'setParams', id: 'mha', params: { heads: 4 } });
    expect(again.replica!.undo()).toMatchObject({ ok: true });
    expect(again.replica!.canUndo).toBe(false);
  });

  it('an explicit resend of a stored clientOpId gets the stored version back; the op log does not grow and nobody hears it twice', async () => {
    const adaTab = await tab(ada);
    const bobTab = await tab(bob);
    const heard: AppliedOp[] = [];
    bobTab.socket.on('op:applied', (m) => heard.push(m));
    const resend = (t: TestTab, clientOpId: string, op: LoggedOp) =>
      new Promise<SubmitAnswer>((r) => t.socket.emit('op:submit', { clientOpId, baseVersion: 0, op, resent: true }, r));
    expect(await adaTab.edit(addMha)).toMatchObject({ ok: true, version: 1 });
    const [clientOpId] = [...adaTab.acked.keys()];
    expect(await resend(adaTab, clientOpId, addMha)).toEqual({ ok: true, clientOpId, version: 1, op: addMha });
    // After a restart it is read from the database instead.
    await server.stop();
    server = await ServerProcess.start(db, databaseUrl, identities);
    const again = await reconnect(adaTab);
    expect(await resend(again, clientOpId, addMha)).toEqual({ ok: true, clientOpId, version: 1, op: addMha });
    // Someone else cannot pass off Ada's edit as theirs.
    const bobAgain = await tab(bob);
    expect(await resend(bobAgain, clientOpId, addMha)).toMatchObject({ ok: false, code: 'bad-message' });
    expect(await versions()).toEqual([1]);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard.map((m) => m.version)).toEqual([1]);
    // A resend flag that is not a boolean is a malformed message.
    const junk = await new Promise<SubmitAnswer>((r) => again.socket.emit('op:submit', { clientOpId: 'x', baseVersion: 0, op: addMha, resent: 'yes' }, r));
    expect(junk).toMatchObject({ ok: false, code: 'bad-message' });
  });
});
