import { describe, expect, it } from 'vitest';
import { applyLoggedOp, type DesignState, type LoggedOp } from './design-state.ts';
import { emptyDesignDocument } from './document.ts';
import { DesignReplica } from './replica.ts';

const start = (): DesignState => ({ title: 'T', doc: emptyDesignDocument() });
const addNode = (id: string, heads = 4): LoggedOp => ({
  type: 'addNode',
  node: { id, type: 'multi-head-attention', params: { heads }, position: { x: 0, y: 0 } },
});
const setHeads = (id: string, heads: number): LoggedOp => ({ type: 'setParams', id, params: { heads } });
const heads = (s: DesignState, id: string) => s.doc.nodes.find((n) => n.id === id)?.params.heads;

/** The server's side in miniature: applies ops in arrival order, numbering them. */
class Server {
  state = start();
  version = 0;
  log: Array<{ version: number; op: LoggedOp }> = [];
  submit(op: LoggedOp): { ok: true; version: number } | { ok: false; message: string } {
    const r = applyLoggedOp(this.state, op);
    if (!r.ok) return { ok: false, message: r.message };
    this.state = r.state;
    this.log.push({ version: ++this.version, op });
    return { ok: true, version: this.version };
  }
}

describe('DesignReplica', () => {
  it('shows a local edit at once and confirms it on the ack', () => {
    const r = new DesignReplica(start(), 0, 'a');
    const sent = r.edit({ type: 'renameDesign', title: 'Mine' });
    expect(sent.ok).toBe(true);
    expect(r.state.title).toBe('Mine');
    expect(r.unconfirmed).toHaveLength(1);
    r.accepted(sent.ok ? sent.clientOpId : '', 1);
    expect(r.version).toBe(1);
    expect(r.unconfirmed).toHaveLength(0);
    expect(r.state.title).toBe('Mine');
  });

  it('two people editing the same param at once converge on the last accepted value', () => {
    const server = new Server();
    server.submit(addNode('mha'));
    const a = new DesignReplica(server.state, 1, 'a');
    const b = new DesignReplica(server.state, 1, 'b');
    const ea = a.edit(setHeads('mha', 2));
    const eb = b.edit(setHeads('mha', 8));
    if (!ea.ok || !eb.ok) throw new Error('edits refused');
    // a's arrives first, then b's.
    const va = server.submit(setHeads('mha', 2));
    const vb = server.submit(setHeads('mha', 8));
    if (!va.ok || !vb.ok) throw new Error('server refused');
    a.accepted(ea.clientOpId, va.version);
    b.remote(va.version, setHeads('mha', 2));
    expect(heads(b.state, 'mha')).toBe(8); // its own pending edit still shows on top
    a.remote(vb.version, setHeads('mha', 8));
    b.accepted(eb.clientOpId, vb.version);
    expect(heads(a.state, 'mha')).toBe(8);
    expect(heads(b.state, 'mha')).toBe(8);
    expect(a.state).toEqual(server.state);
    expect(b.state).toEqual(server.state);
  });

  it('rolls back a refused edit and says why', () => {
    const r = new DesignReplica(start(), 0, 'a');
    const sent = r.edit(addNode('x'));
    if (!sent.ok) throw new Error('refused locally');
    const events = r.refused(sent.clientOpId, 'You may not edit this design.');
    expect(events).toEqual([{ type: 'rolled-back', clientOpId: sent.clientOpId, op: addNode('x'), message: 'You may not edit this design.' }]);
    expect(r.state).toEqual(start());
  });

  it("rolls back a pending edit that someone else's edit made impossible", () => {
    const server = new Server();
    server.submit(addNode('mha'));
    const a = new DesignReplica(server.state, 1, 'a');
    const mine = a.edit(setHeads('mha', 2));
    if (!mine.ok) throw new Error('refused locally');
    const events = a.remote(2, { type: 'removeNodes', ids: ['mha'] });
    expect(events).toMatchObject([{ type: 'rolled-back', clientOpId: mine.clientOpId }]);
    expect(a.state.doc.nodes).toEqual([]);
    expect(a.unconfirmed).toHaveLength(0);
  });

  it("undo takes back only this person's edits, and redo puts them back", () => {
    const server = new Server();
    const a = new DesignReplica(server.state, 0, 'a');
    const confirm = (r: DesignReplica, sent: { ok: true; clientOpId: string } | { ok: false } | null, op: LoggedOp) => {
      if (!sent || !sent.ok) throw new Error('not sent');
      const v = server.submit(op);
      if (!v.ok) throw new Error(v.message);
      r.accepted(sent.clientOpId, v.version);
    };
    confirm(a, a.edit(addNode('mine')), addNode('mine'));
    // someone else adds a node
    const theirs = server.submit(addNode('theirs'));
    if (!theirs.ok) throw new Error('refused');
    a.remote(theirs.version, addNode('theirs'));
    expect(a.canUndo).toBe(true);
    const undo = a.undo();
    const undoOp = a.unconfirmed[0].op;
    expect(undoOp).toEqual({ type: 'removeNodes', ids: ['mine'] });
    confirm(a, undo, undoOp);
    expect(a.state.doc.nodes.map((n) => n.id)).toEqual(['theirs']);
    expect(a.canUndo).toBe(false);
    const redo = a.redo();
    confirm(a, redo, a.unconfirmed[0].op);
    expect(a.state.doc.nodes.map((n) => n.id).sort()).toEqual(['mine', 'theirs']);
    expect(a.state).toEqual(server.state);
  });

  it('reports a gap when an op is missing, and ignores ops it already has', () => {
    const r = new DesignReplica(start(), 3, 'a');
    expect(r.remote(3, { type: 'renameDesign', title: 'old news' })).toEqual([]);
    expect(r.remote(5, { type: 'renameDesign', title: 'x' })).toEqual([{ type: 'gap', expected: 4, got: 5 }]);
    expect(r.state.title).toBe('T');
  });

  it('keeps pending edits across a reset so they can be resent', () => {
    const r = new DesignReplica(start(), 0, 'a');
    r.edit({ type: 'renameDesign', title: 'Offline edit' });
    r.reset({ title: 'Server title', doc: emptyDesignDocument() }, 7);
    expect(r.version).toBe(7);
    expect(r.state.title).toBe('Offline edit');
    expect(r.unconfirmed.map((p) => p.op)).toEqual([{ type: 'renameDesign', title: 'Offline edit' }]);
  });
  it('keeps the op as the server stored it when the server filled parts in (a comment\'s author and time)', () => {
    const r = new DesignReplica(start(), 0, 'a');
    const comment = { id: 'c1', nodeId: null, author: 'Me', text: 'Hi', at: 'local', resolved: false, replies: [] };
    const sent = r.edit({ type: 'addComment', comment });
    if (!sent.ok) throw new Error(sent.message);
    r.accepted(sent.clientOpId, 1, { type: 'addComment', comment: { ...comment, author: 'Ada', authorId: 'g_ada0000000', at: '2026-01-01T00:00:00.000Z' } });
    expect(r.state.doc.comments[0]).toMatchObject({ author: 'Ada', at: '2026-01-01T00:00:00.000Z' });
    // Undoing deletes what the server stored; redoing brings back the stored comment, not the local draft.
    const undo = r.undo();
    if (!undo || !undo.ok) throw new Error('no undo');
    r.accepted(undo.clientOpId, 2);
    const redo = r.redo();
    if (!redo || !redo.ok) throw new Error('no redo');
    expect(r.state.doc.comments[0]).toMatchObject({ author: 'Ada' });
  });

  describe('an edit stored by the server whose ack was lost', () => {
    it('is confirmed when it comes back from the history under its clientOpId: no rollback, nothing to resend', () => {
      const server = new Server();
      const r = new DesignReplica(server.state, 0, 'a');
      const sent = r.edit(addNode('mha'));
      if (!sent.ok) throw new Error(sent.message);
      const stored = server.submit(addNode('mha'));
      if (!stored.ok) throw new Error(stored.message);
      // The ack never arrives; the catch-up after the reconnect carries the op with our id.
      expect(r.remote(stored.version, addNode('mha'), sent.clientOpId)).toEqual([{ type: 'confirmed', clientOpId: sent.clientOpId, version: 1 }]);
      expect(r.unconfirmed).toHaveLength(0);
      expect(r.version).toBe(1);
      expect(r.state).toEqual(server.state);
    });

    it('without the clientOpId the same op would be taken for someone else’s and our add rolled back (the defect)', () => {
      const r = new DesignReplica(start(), 0, 'a');
      const sent = r.edit(addNode('mha'));
      if (!sent.ok) throw new Error(sent.message);
      expect(r.remote(1, addNode('mha'))).toMatchObject([{ type: 'rolled-back', clientOpId: sent.clientOpId }]);
    });

    it('gets one undo entry, as an ack would have given it', () => {
      const server = new Server();
      server.submit(addNode('mha', 4));
      const r = new DesignReplica(server.state, 1, 'a');
      const sent = r.edit(setHeads('mha', 2));
      if (!sent.ok) throw new Error(sent.message);
      server.submit(setHeads('mha', 2));
      r.remote(2, setHeads('mha', 2), sent.clientOpId);
      expect(heads(r.state, 'mha')).toBe(2);
      const undo = r.undo();
      if (!undo || !undo.ok) throw new Error('nothing to undo');
      expect(r.unconfirmed[0].op).toEqual({ type: 'setParams', id: 'mha', params: { heads: 4 } });
      expect(heads(r.state, 'mha')).toBe(4);
      expect(r.canUndo).toBe(false);
    });

    it('confirms only the edit it names; later pending edits stay on top, to be resent', () => {
      const r = new DesignReplica(start(), 0, 'a');
      const first = r.edit(addNode('one'));
      const second = r.edit(setHeads('one', 2));
      if (!first.ok || !second.ok) throw new Error('refused locally');
      expect(r.remote(1, addNode('one'), first.clientOpId)).toEqual([{ type: 'confirmed', clientOpId: first.clientOpId, version: 1 }]);
      expect(r.unconfirmed.map((p) => p.clientOpId)).toEqual([second.clientOpId]);
      expect(heads(r.state, 'one')).toBe(2);
      // Someone else's op under an id that is not ours changes nothing of the pending list.
      r.remote(2, { type: 'renameDesign', title: 'Theirs' }, 'b-1');
      expect(r.unconfirmed.map((p) => p.clientOpId)).toEqual([second.clientOpId]);
      expect(r.state.title).toBe('Theirs');
    });

    it('after a snapshot that already holds it, a pending add-node is held, not rolled back, until its resend is answered', () => {
      const r = new DesignReplica(start(), 0, 'a');
      const sent = r.edit(addNode('mha'));
      if (!sent.ok) throw new Error(sent.message);
      const server = new Server();
      server.submit(addNode('mha'));
      server.submit({ type: 'renameDesign', title: 'Much later' });
      // Too far behind for the ops: a snapshot, which has our node already.
      expect(r.reset(server.state, 2)).toEqual([]);
      expect(r.state).toEqual(server.state);
      expect(r.unconfirmed.map((p) => p.clientOpId)).toEqual([sent.clientOpId]);
      // Someone else's edit meanwhile does not roll it back either.
      expect(r.remote(3, { type: 'renameDesign', title: 'Later still' })).toEqual([]);
      // The resend is answered with the version it was stored as: nothing to apply, nothing rolled back.
      expect(r.accepted(sent.clientOpId, 1)).toEqual([]);
      expect(r.unconfirmed).toHaveLength(0);
      expect(r.state.doc.nodes.map((n) => n.id)).toEqual(['mha']);
    });

    it('a held edit the server refuses on its resend is rolled back with the server’s reason', () => {
      const server = new Server();
      server.submit(addNode('mha'));
      const r = new DesignReplica(server.state, 1, 'a');
      const sent = r.edit(setHeads('mha', 2));
      if (!sent.ok) throw new Error(sent.message);
      expect(r.reset(start(), 40)).toEqual([]);
      expect(r.refused(sent.clientOpId, "there is no node 'mha'")).toMatchObject([{ type: 'rolled-back', clientOpId: sent.clientOpId, message: "there is no node 'mha'" }]);
      expect(r.unconfirmed).toHaveLength(0);
      expect(r.state).toEqual(start());
    });

    it('an ack for a version the replica already has (a snapshot brought it) drops the pending copy instead of reporting a gap', () => {
      const r = new DesignReplica(start(), 0, 'a');
      const sent = r.edit({ type: 'renameDesign', title: 'Mine' });
      if (!sent.ok) throw new Error(sent.message);
      r.reset({ title: 'Mine', doc: emptyDesignDocument() }, 3);
      expect(r.accepted(sent.clientOpId, 2)).toEqual([]);
      expect(r.unconfirmed).toHaveLength(0);
      expect(r.version).toBe(3);
      expect(r.state.title).toBe('Mine');
    });
  });
});
