import { describe, expect, it } from 'vitest';
import { applyLoggedOp, type DesignState, type LoggedOp } from './design-state.ts';
import { blankState, DesignTimeline, type LoggedEntry } from './design-timeline.ts';

const ada = { id: 'g_ada', name: 'Ada' };

/** A log long enough to cross several checkpoints: nodes added, moved, retuned, one deleted, a restore. */
function sampleLog(): LoggedEntry[] {
  const ops: LoggedOp[] = [{ type: 'renameDesign', title: 'Growing' }];
  for (let i = 0; i < 30; i++) ops.push({ type: 'addNode', node: { id: `ff${i}`, type: 'feed-forward', params: {}, position: { x: i * 200, y: 0 } } });
  for (let i = 1; i < 30; i++) {
    ops.push({ type: 'connect', edge: { id: `e${i}`, source: { node: `ff${i - 1}`, port: 'out' }, target: { node: `ff${i}`, port: 'in' } } });
  }
  for (let i = 0; i < 30; i++) ops.push({ type: 'setParams', id: `ff${i}`, params: { dFF: 64 + i } });
  ops.push({ type: 'removeNodes', ids: ['ff29'] });
  return ops.map((op, i) => ({ version: i + 1, op, author: ada, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
}

/** The states the ops produce, computed the plain way (the reference). */
function replayAll(log: LoggedEntry[]): DesignState[] {
  const states = [blankState()];
  for (const entry of log) {
    const result = applyLoggedOp(states[states.length - 1], entry.op);
    if (!result.ok) throw new Error(result.message);
    states.push(result.state);
  }
  return states;
}

describe('DesignTimeline', () => {
  const log = sampleLog();
  const reference = replayAll(log);

  it('gives the state at every version, forwards, backwards and jumping across checkpoints', () => {
    const timeline = DesignTimeline.empty().append(log);
    expect(timeline.latest).toBe(log.length);
    expect(timeline.latestState).toEqual(reference[log.length]);
    for (let v = 0; v <= log.length; v++) expect(timeline.stateAt(v)).toEqual(reference[v]);
    for (let v = log.length; v >= 0; v--) expect(timeline.stateAt(v)).toEqual(reference[v]);
    for (const v of [75, 3, 64, 33, 91, 0, 31, 32]) expect(timeline.stateAt(v)).toEqual(reference[v]);
  });

  it('clamps versions outside the history', () => {
    const timeline = DesignTimeline.empty().append(log);
    expect(timeline.stateAt(-5)).toEqual(blankState());
    expect(timeline.stateAt(10_000)).toEqual(reference[log.length]);
  });

  it('grows page by page to the same result, and keeps older timelines unchanged', () => {
    const first = DesignTimeline.empty().append(log.slice(0, 40));
    const whole = first.append(log.slice(40, 70)).append(log.slice(70));
    expect(first.latest).toBe(40);
    expect(first.stateAt(40)).toEqual(reference[40]);
    expect(whole.stateAt(log.length)).toEqual(reference[log.length]);
    expect(whole.stateAt(50)).toEqual(reference[50]);
  });

  it('refuses entries that skip or repeat a version', () => {
    const timeline = DesignTimeline.empty().append(log.slice(0, 5));
    expect(() => timeline.append(log.slice(6, 8))).toThrow(/expected version 6, got 7/);
    expect(() => timeline.append(log.slice(3, 5))).toThrow(/expected version 6, got 4/);
  });

  it('describes each entry with the names before it and lists them newest first in pages', () => {
    const timeline = DesignTimeline.empty().append(log);
    expect(timeline.entry(1)?.description).toBe('Renamed the design to “Growing”');
    expect(timeline.entry(2)?.description).toBe('Added Feed-forward');
    expect(timeline.entry(32)?.description).toBe('Connected Feed-forward → Feed-forward');
    expect(timeline.entry(log.length)?.description).toBe('Deleted Feed-forward');
    expect(timeline.entry(0)).toBeUndefined();
    expect(timeline.entry(log.length + 1)).toBeUndefined();
    expect(timeline.newestFirst(0, 3).map((e) => e.version)).toEqual([91, 90, 89]);
    expect(timeline.newestFirst(88, 5).map((e) => e.version)).toEqual([3, 2, 1]);
    expect(timeline.newestFirst(91, 5)).toEqual([]);
  });
});
