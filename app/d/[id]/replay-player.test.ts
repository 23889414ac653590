import { describe, expect, it } from 'vitest';
import { initialReplay, replayReducer, type ReplayAction, type ReplayState } from './replay-player';

const run = (actions: ReplayAction[], from: ReplayState = initialReplay) => actions.reduce(replayReducer, from);

describe('replayReducer', () => {
  it('starts at the blank canvas and plays one version per tick until the end, then stops', () => {
    let s = run([{ type: 'start', end: 3 }]);
    expect(s).toMatchObject({ version: 0, end: 3, playing: true });
    s = run([{ type: 'tick' }, { type: 'tick' }], s);
    expect(s).toMatchObject({ version: 2, playing: true });
    s = run([{ type: 'tick' }], s);
    expect(s).toMatchObject({ version: 3, playing: false });
    expect(run([{ type: 'tick' }], s)).toBe(s);
  });

  it('does not play a design with no edits', () => {
    expect(run([{ type: 'start', end: 0 }, { type: 'play' }])).toMatchObject({ version: 0, playing: false });
  });

  it('plays again from the start once at the end, and from where it is otherwise', () => {
    const atEnd = run([{ type: 'start', end: 5 }, { type: 'seek', version: 5 }, { type: 'pause' }]);
    expect(run([{ type: 'play' }], atEnd)).toMatchObject({ version: 0, playing: true });
    const midway = run([{ type: 'seek', version: 2 }], atEnd);
    expect(run([{ type: 'play' }], midway)).toMatchObject({ version: 2, playing: true });
  });

  it('steps back and forward one version, pausing, and never leaves 0…end', () => {
    const s = run([{ type: 'start', end: 4 }, { type: 'seek', version: 1 }]);
    expect(run([{ type: 'step', by: 1 }], s)).toMatchObject({ version: 2, playing: false });
    expect(run([{ type: 'step', by: -1 }, { type: 'step', by: -1 }], s)).toMatchObject({ version: 0 });
    expect(run([{ type: 'seek', version: 99 }], s).version).toBe(4);
    expect(run([{ type: 'seek', version: -3 }], s).version).toBe(0);
  });

  it('ignores ticks while paused and follows the history as it grows or shrinks', () => {
    const paused = run([{ type: 'start', end: 4 }, { type: 'pause' }]);
    expect(run([{ type: 'tick' }], paused).version).toBe(0);
    const grown = run([{ type: 'seek', version: 4 }, { type: 'end', end: 9 }], paused);
    expect(grown).toMatchObject({ version: 4, end: 9 });
    expect(run([{ type: 'end', end: 2 }], grown)).toMatchObject({ version: 2, end: 2 });
  });

  it('changes speed but keeps a positive one', () => {
    expect(run([{ type: 'speed', speed: 16 }]).speed).toBe(16);
    expect(run([{ type: 'speed', speed: 0 }]).speed).toBe(initialReplay.speed);
  });
});
