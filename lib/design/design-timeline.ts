import { describeOp } from './describe-op.ts';
import { applyLoggedOp, type DesignState, type LoggedOp } from './design-state.ts';
import { emptyDesignDocument } from './document.ts';
import { DEFAULT_TITLE } from './title.ts';

/** One entry of the op log, as the history API hands it out. */
export interface LoggedEntry {
  version: number;
  op: LoggedOp;
  author: { id: string; name: string };
  createdAt: string;
}

/** A log entry with the sentence that tells a person what it did. */
export interface TimelineEntry extends LoggedEntry {
  description: string;
}

/** A state is kept every this many versions; any other is at most this many ops away. */
const CHECKPOINT_EVERY = 32;

/** The state every design starts from (version 0). */
export function blankState(): DesignState {
  return { title: DEFAULT_TITLE, doc: emptyDesignDocument() };
}

/**
 * A design's whole history held in memory: every op with its description and
 * the state at any version, rebuilt from the nearest checkpoint so that
 * scrubbing through thousands of versions stays instant. Immutable: `append`
 * returns a new timeline.
 */
export class DesignTimeline {
  private cache: { version: number; state: DesignState };

  private constructor(
    private readonly log: readonly TimelineEntry[],
    /** checkpoints[k] is the state at version k × CHECKPOINT_EVERY. */
    private readonly checkpoints: readonly DesignState[],
    private readonly last: DesignState,
  ) {
    this.cache = { version: log.length, state: last };
  }

  /** A design with no edits yet (version 0). */
  static empty(): DesignTimeline {
    const blank = blankState();
    return new DesignTimeline([], [blank], blank);
  }

  /** The latest version held. */
  get latest(): number {
    return this.log.length;
  }

  /** The state at the latest version held. */
  get latestState(): DesignState {
    return this.last;
  }

  /** The timeline with these entries added; they must continue it, in order. */
  append(entries: readonly LoggedEntry[]): DesignTimeline {
    if (entries.length === 0) return this;
    const log = [...this.log];
    const checkpoints = [...this.checkpoints];
    let state = this.last;
    for (const entry of entries) {
      if (entry.version !== log.length + 1) throw new Error(`history: expected version ${log.length + 1}, got ${entry.version}`);
      const result = applyLoggedOp(state, entry.op);
      if (!result.ok) throw new Error(`history: version ${entry.version} does not replay: ${result.message}`);
      log.push({ ...entry, description: describeOp(entry.op, state, entry.version) });
      state = result.state;
      if (entry.version % CHECKPOINT_EVERY === 0) checkpoints.push(state);
    }
    return new DesignTimeline(log, checkpoints, state);
  }

  /** The entry that produced `version` (1…latest). */
  entry(version: number): TimelineEntry | undefined {
    return version >= 1 ? this.log[version - 1] : undefined;
  }

  /** Entries newest first, `offset` from the newest, at most `limit`. */
  newestFirst(offset: number, limit: number): TimelineEntry[] {
    const end = Math.max(0, this.log.length - offset);
    return this.log.slice(Math.max(0, end - limit), end).reverse();
  }

  /** The title and document at `version`, clamped to 0…latest. */
  stateAt(version: number): DesignState {
    const v = Math.max(0, Math.min(this.log.length, Math.trunc(version)));
    const checkpoint = Math.floor(v / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
    // Stepping forward (replay) continues from the last answer instead of the checkpoint.
    const from =
      this.cache.version <= v && this.cache.version >= checkpoint ? this.cache : { version: checkpoint, state: this.checkpoints[checkpoint / CHECKPOINT_EVERY] };
    let state = from.state;
    for (let at = from.version; at < v; at++) {
      const result = applyLoggedOp(state, this.log[at].op);
      if (!result.ok) throw new Error(`history: version ${at + 1} does not replay: ${result.message}`);
      state = result.state;
    }
    this.cache = { version: v, state };
    return state;
  }
}
