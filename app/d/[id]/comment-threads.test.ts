import { describe, expect, it } from 'vitest';
import { emptyDesignDocument, MAX_COMMENT_LENGTH, type DesignComment, type DesignDocument } from '@/lib/design/document';
import { checkCommentText, nodeName, openCount, openCountsByNode, openCommentsLabel, threadGroups } from './comment-threads';

const comment = (id: string, nodeId: string | null, at: string, resolved = false): DesignComment => ({
  id,
  nodeId,
  author: 'Ada',
  text: id,
  at,
  resolved,
  replies: [],
});

const doc: DesignDocument = {
  ...emptyDesignDocument(),
  nodes: [
    { id: 'attn', type: 'multi-head-attention', params: {}, position: { x: 0, y: 0 } },
    { id: 'norm', type: 'layer-norm', params: {}, position: { x: 0, y: 0 }, label: 'Final norm' },
  ],
  comments: [
    comment('late-on-norm', 'norm', '2026-01-01T10:00:00Z'),
    comment('on-ghost', 'ghost', '2026-01-01T09:00:00Z'),
    comment('early-on-norm', 'norm', '2026-01-01T08:00:00Z'),
    comment('done-on-attn', 'attn', '2026-01-01T07:00:00Z', true),
    comment('on-design', null, '2026-01-01T11:00:00Z'),
  ],
};

describe('comment threads', () => {
  it('counts open threads, overall and per node', () => {
    expect(openCount(doc.comments)).toBe(4);
    expect(openCountsByNode(doc.comments)).toEqual(new Map([['norm', 2], ['ghost', 1]]));
    expect(openCommentsLabel(1)).toBe('1 open comment');
    expect(openCommentsLabel(2)).toBe('2 open comments');
  });

  it('groups threads by what they discuss: the design, then nodes in canvas order, then deleted nodes', () => {
    const open = threadGroups(doc, 'open');
    expect(open.map((g) => [g.name, g.onCanvas, g.threads.map((t) => t.id)])).toEqual([
      ['The whole design', true, ['on-design']],
      ['Layer norm: Final norm', true, ['early-on-norm', 'late-on-norm']],
      ['Deleted node ghost', false, ['on-ghost']],
    ]);
    expect(threadGroups(doc, 'all').map((g) => g.nodeId)).toEqual([null, 'attn', 'norm', 'ghost']);
    expect(threadGroups(doc, 'all', 'attn').map((g) => g.threads.map((t) => t.id))).toEqual([['done-on-attn']]);
    expect(threadGroups(doc, 'open', 'attn')).toEqual([]);
  });

  it('names nodes as the canvas does', () => {
    expect(nodeName(doc, 'attn')).toBe('Multi-head attention: attn');
    expect(nodeName(doc, null)).toBe('The whole design');
  });

  it('checks typed text against the document’s limit', () => {
    expect(checkCommentText('  why post-LN?  ')).toEqual({ ok: true, text: 'why post-LN?' });
    expect(checkCommentText('   ').ok).toBe(false);
    expect(checkCommentText('x'.repeat(MAX_COMMENT_LENGTH)).ok).toBe(true);
    const long = checkCommentText('x'.repeat(MAX_COMMENT_LENGTH + 1));
    expect(long).toEqual({ ok: false, message: expect.stringContaining(String(MAX_COMMENT_LENGTH)) });
  });
});
