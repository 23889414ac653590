import { describe, expect, it } from 'vitest';
import { contributions, editKind, type OpLogRow } from './contributions.ts';

const row = (author: string, authorName: string, createdAt: string, op: unknown): OpLogRow => ({ author, authorName, createdAt, op });
const addNode = { type: 'addNode', node: { id: 'n1', type: 'layer-norm', position: { x: 0, y: 0 } } };
const connect = { type: 'connect', edge: { id: 'e1', source: { node: 'a', port: 'out' }, target: { node: 'b', port: 'in' } } };
const setParams = { type: 'setParams', id: 'n1', params: { eps: 1e-6 } };
const comment = { type: 'addComment', comment: { id: 'c1', nodeId: null, author: 'Ada', text: 'hi', at: '2026-11-25T10:00:00Z' } };

describe('editKind', () => {
  it('names the kind of every op family and "other" for anything else', () => {
    expect([addNode, { type: 'addNodes' }, connect, setParams, comment, { type: 'replyComment' }, { type: 'setBlockRepeat' }, { type: 'moveNodes' }].map(editKind)).toEqual([
      'add-node',
      'add-node',
      'connect',
      'set-param',
      'comment',
      'comment',
      'block',
      'move',
    ]);
    expect(editKind({ type: 'toString' })).toBe('other');
    expect(editKind(null)).toBe('other');
  });
});

describe('contributions', () => {
  it('counts each member\'s edits by kind and per minute, empty minutes included', () => {
    const result = contributions([
      row('p-grace', 'Grace', '2026-11-25T10:03:59Z', connect),
      row('p-ada', 'Ada', '2026-11-25T10:00:05Z', addNode),
      row('p-ada', 'Ada L.', '2026-11-25T10:00:50Z', setParams),
      row('p-ada', 'Ada L.', '2026-11-25T10:03:00Z', comment),
      row('p-grace', 'Grace', '2026-11-25T10:01:10Z', setParams),
    ]);
    expect(result.minutes).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-25T10:01:00.000Z', '2026-11-25T10:02:00.000Z', '2026-11-25T10:03:00.000Z']);
    const [ada, grace] = result.members;
    expect(ada).toMatchObject({ author: 'p-ada', authorName: 'Ada L.', total: 3, perMinute: [2, 0, 0, 1] });
    expect(ada.byKind).toMatchObject({ 'add-node': 1, 'set-param': 1, comment: 1, connect: 0 });
    expect(grace).toMatchObject({ author: 'p-grace', total: 2, perMinute: [0, 1, 0, 1] });
    expect(grace.byKind).toMatchObject({ connect: 1, 'set-param': 1, 'add-node': 0 });
  });

  it('is empty for an empty log and accepts Date timestamps', () => {
    expect(contributions([])).toEqual({ minutes: [], members: [] });
    const result = contributions([{ author: 'p', authorName: 'P', createdAt: new Date('2026-11-25T10:00:30Z'), op: addNode }]);
    expect(result.minutes).toEqual(['2026-11-25T10:00:00.000Z']);
    expect(result.members[0].perMinute).toEqual([1]);
  });

  it('keeps the series to the last day when the log is older, still counting every edit by kind', () => {
    const result = contributions([row('p', 'P', '2026-11-20T10:00:00Z', addNode), row('p', 'P', '2026-11-25T10:00:00Z', connect)]);
    expect(result.minutes).toHaveLength(24 * 60);
    expect(result.members[0]).toMatchObject({ total: 2 });
    expect(result.members[0].perMinute.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
