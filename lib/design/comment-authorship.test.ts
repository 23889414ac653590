import { describe, expect, it } from 'vitest';
import { authorCommentOp, RemovedComments } from './comment-authorship.ts';
import { applyLoggedOp, type DesignState, type LoggedOp } from './design-state.ts';
import { emptyDesignDocument, type DesignComment } from './document.ts';

const ada = { id: 'g_ada0000000', name: 'Ada' };
const bob = { id: 'g_bob0000000', name: 'Bob' };
const NOW = '2026-01-02T03:04:05.000Z';

const start = (): DesignState => ({
  title: 'T',
  doc: { ...emptyDesignDocument(), nodes: [{ id: 'n1', type: 'layer-norm', params: {}, position: { x: 0, y: 0 } }] },
});
const claim = (id: string, author = 'Someone else'): DesignComment => ({
  id,
  nodeId: 'n1',
  author,
  text: 'Why post-LN?',
  at: '1999-01-01T00:00:00.000Z',
  resolved: false,
  replies: [],
});

/** The server's path in miniature: author the op, remember what it removes, apply it. */
function accept(state: DesignState, op: LoggedOp, who: typeof ada, removed: RemovedComments) {
  const authored = authorCommentOp(state.doc, op, who, NOW, removed);
  if (!authored.ok) return authored;
  const applied = applyLoggedOp(state, authored.op);
  if (!applied.ok) return applied;
  removed.note(state.doc, authored.op);
  return { ok: true as const, state: applied.state, inverse: applied.inverse, op: authored.op };
}

describe('authorCommentOp', () => {
  it('stamps a new comment and a new reply with the person and the server time, whatever the client said', () => {
    const removed = new RemovedComments();
    const added = accept(start(), { type: 'addComment', comment: claim('c1') }, ada, removed);
    if (!added.ok) throw new Error(added.message);
    expect(added.state.doc.comments[0]).toMatchObject({ author: 'Ada', authorId: ada.id, at: NOW, text: 'Why post-LN?' });
    const replied = accept(
      added.state,
      { type: 'replyComment', commentId: 'c1', reply: { id: 'r1', author: 'Ada', authorId: ada.id, text: 'Stability', at: 'x' } },
      bob,
      removed,
    );
    if (!replied.ok) throw new Error(replied.message);
    expect(replied.state.doc.comments[0].replies[0]).toMatchObject({ author: 'Bob', authorId: bob.id, at: NOW });
  });

  it('refuses a "new" comment that arrives resolved or with replies already in it', () => {
    const forged = { ...claim('c1'), replies: [{ id: 'r1', author: 'Bob', text: 'I agree', at: NOW }] };
    expect(authorCommentOp(start().doc, { type: 'addComment', comment: forged }, ada, NOW, new RemovedComments())).toMatchObject({
      ok: false,
      code: 'bad-op',
    });
    expect(authorCommentOp(start().doc, { type: 'addComment', comment: { ...claim('c2'), resolved: true } }, ada, NOW, new RemovedComments()).ok).toBe(false);
  });

  it('lets only the author delete a comment or a reply', () => {
    const removed = new RemovedComments();
    let state = start();
    for (const [op, who] of [
      [{ type: 'addComment', comment: claim('c1') }, ada],
      [{ type: 'replyComment', commentId: 'c1', reply: { id: 'r1', author: '?', text: 'Yes', at: NOW } }, bob],
    ] as const) {
      const r = accept(state, op, who, removed);
      if (!r.ok) throw new Error(r.message);
      state = r.state;
    }
    expect(accept(state, { type: 'deleteComment', id: 'c1' }, bob, removed)).toMatchObject({ ok: false, code: 'not-author', message: expect.stringContaining('Ada') });
    expect(accept(state, { type: 'deleteReply', commentId: 'c1', replyId: 'r1' }, ada, removed)).toMatchObject({ ok: false, code: 'not-author' });
    expect(accept(state, { type: 'deleteReply', commentId: 'c1', replyId: 'r1' }, bob, removed).ok).toBe(true);
    expect(accept(state, { type: 'deleteComment', id: 'c1' }, ada, removed).ok).toBe(true);
  });

  it('lets an undo put back a deleted thread exactly as it was, but not a made-up one', () => {
    const removed = new RemovedComments();
    const added = accept(start(), { type: 'addComment', comment: claim('c1') }, ada, removed);
    if (!added.ok) throw new Error(added.message);
    const deleted = accept(added.state, { type: 'deleteComment', id: 'c1' }, ada, removed);
    if (!deleted.ok) throw new Error(deleted.message);
    // The inverse of the delete is the client's undo: the original comment, with its index.
    const undo = deleted.inverse;
    expect(undo.type).toBe('addComment');
    const restored = accept(deleted.state, undo, ada, removed);
    if (!restored.ok) throw new Error(restored.message);
    expect(restored.state.doc.comments[0]).toMatchObject({ author: 'Ada', at: NOW });

    const forged: LoggedOp = { type: 'addComment', comment: { ...claim('c9', 'Bob'), authorId: bob.id }, index: 0 };
    expect(accept(start(), forged, ada, removed)).toMatchObject({ ok: false, code: 'not-restorable' });
    if (undo.type !== 'addComment') return;
    const altered: LoggedOp = { ...undo, comment: { ...undo.comment, text: 'Something Ada never said' } };
    expect(accept(deleted.state, altered, bob, removed)).toMatchObject({ ok: false, code: 'not-restorable' });
  });

  it('passes every other op through untouched', () => {
    const op: LoggedOp = { type: 'renameDesign', title: 'Mine' };
    expect(authorCommentOp(start().doc, op, ada, NOW, new RemovedComments())).toEqual({ ok: true, op });
  });
});
