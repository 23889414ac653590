/** Where a replay of the design's construction stands: the version shown, the last one, and whether it plays. */
export interface ReplayState {
  version: number;
  end: number;
  playing: boolean;
  /** Steps per second. */
  speed: number;
}

export type ReplayAction =
  | { type: 'start'; end: number }
  | { type: 'seek'; version: number }
  | { type: 'step'; by: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'tick' }
  | { type: 'end'; end: number }
  | { type: 'speed'; speed: number };

/** The speeds offered, in steps per second. */
export const REPLAY_SPEEDS = [1, 2, 4, 8, 16, 32] as const;
export const DEFAULT_SPEED = 4;

export const initialReplay: ReplayState = { version: 0, end: 0, playing: false, speed: DEFAULT_SPEED };

const clamp = (v: number, end: number) => Math.max(0, Math.min(end, Math.round(v)));

/** The replay's stepping rules, pure: playing stops at the end, and playing again from the end starts over. */
export function replayReducer(state: ReplayState, action: ReplayAction): ReplayState {
  switch (action.type) {
    case 'start':
      return { ...state, version: 0, end: Math.max(0, action.end), playing: action.end > 0 };
    case 'seek':
      return { ...state, version: clamp(action.version, state.end) };
    case 'step':
      return { ...state, version: clamp(state.version + action.by, state.end), playing: false };
    case 'play':
      if (state.end === 0) return state;
      return { ...state, playing: true, version: state.version >= state.end ? 0 : state.version };
    case 'pause':
      return state.playing ? { ...state, playing: false } : state;
    case 'tick': {
      if (!state.playing) return state;
      const version = clamp(state.version + 1, state.end);
      return { ...state, version, playing: version < state.end };
    }
    case 'end':
      return action.end === state.end ? state : { ...state, end: Math.max(0, action.end), version: clamp(state.version, Math.max(0, action.end)) };
    case 'speed':
      return { ...state, speed: action.speed > 0 ? action.speed : state.speed };
  }
}
