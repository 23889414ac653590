import { describe, expect, it } from 'vitest';
import { applyLoggedOp, parseLoggedOp, type DesignState } from './design-state.ts';
import { emptyDesignDocument } from './document.ts';

const state = (): DesignState => ({ title: 'Old', doc: emptyDesignDocument() });

describe('design state ops', () => {
  it('renames the design with an inverse that restores the title', () => {
    const r = applyLoggedOp(state(), { type: 'renameDesign', title: 'New' });
    expect(r.ok && r.state.title).toBe('New');
    expect(r.ok && r.inverse).toEqual({ type: 'renameDesign', title: 'Old' });
  });

  it('applies document ops to the document and keeps the title', () => {
    const r = applyLoggedOp(state(), {
      type: 'addNode',
      node: { id: 'emb', type: 'token-embedding', params: {}, position: { x: 0, y: 0 } },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.title).toBe('Old');
    expect(r.state.doc.nodes.map((n) => n.id)).toEqual(['emb']);
    const back = applyLoggedOp(r.state, r.inverse);
    expect(back.ok && back.state).toEqual(state());
  });

  it('refuses a bad op with the field that is wrong', () => {
    expect(parseLoggedOp({ type: 'renameDesign', title: '  ' })).toMatchObject({ ok: false, code: 'bad-op', message: expect.stringContaining('empty') });
    expect(parseLoggedOp({ type: 'moveNodes', moves: [] })).toMatchObject({ ok: false, message: expect.stringMatching(/^moves/) });
    expect(parseLoggedOp({ type: 'nope' }).ok).toBe(false);
    expect(parseLoggedOp({ type: 'renameDesign', title: 'Fine' })).toEqual({ ok: true, op: { type: 'renameDesign', title: 'Fine' } });
  });
});

describe('restoreVersion', () => {
  it('replaces the whole state and can itself be undone', async () => {
    const { templateDocument } = await import('./templates/index.ts');
    const tpl = templateDocument('tiny-transformer');
    if (!tpl.ok) throw new Error(tpl.message);
    const r = applyLoggedOp(state(), { type: 'restoreVersion', fromVersion: 3, title: 'Back then', doc: tpl.doc });
    expect(r.ok && r.state.title).toBe('Back then');
    expect(r.ok && r.state.doc.nodes.length).toBe(tpl.doc.nodes.length);
    if (!r.ok) return;
    const undone = applyLoggedOp(r.state, r.inverse);
    expect(undone.ok && undone.state).toEqual(state());
  });

  it('refuses a document that breaks the catalog rules', () => {
    const doc = { ...emptyDesignDocument(), nodes: [{ id: 'x', type: 'no-such-layer', params: {}, position: { x: 0, y: 0 } }] };
    const parsed = parseLoggedOp({ type: 'restoreVersion', fromVersion: 0, title: 'T', doc });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(applyLoggedOp(state(), parsed.op)).toMatchObject({ ok: false, code: 'bad-op' });
  });
});
