import { applyLoggedOp, type DesignState, type LoggedOp } from '../lib/design/design-state.ts';
import { emptyDesignDocument } from '../lib/design/document.ts';
import { DEFAULT_TITLE } from '../lib/design/title.ts';
import type { Participant } from '../lib/protocol/messages.ts';
import type { DesignStore, StoredOp } from './design-store.ts';

/** One line of a design's history. */
export interface VersionEntry {
  version: number;
  op: LoggedOp['type'];
  author: { id: string; name: string };
  createdAt: string;
}

const REPLAY_PAGE = 1000;

/**
 * The op log read as history: what happened when, and the design as it was
 * at any version (replayed from version 0, which is always the blank canvas).
 */
export class DesignHistory {
  constructor(private readonly store: DesignStore) {}

  /** Newest first: the versions at or below `before` (default: all), at most `limit`. */
  async versions(id: string, current: number, limit = 100, before = current): Promise<VersionEntry[]> {
    const from = Math.max(0, before - limit);
    const ops = await this.store.opsSince(id, from, limit, before);
    return ops.reverse().map((o) => ({ version: o.version, op: o.op.type, author: o.author, createdAt: o.createdAt }));
  }

  /** The op log itself after version `after`, oldest first, at most `limit` entries (without the authors' clientOpIds, which are theirs). */
  async ops(id: string, after: number, limit: number, current: number): Promise<Array<Omit<StoredOp, 'clientOpId'>>> {
    if (after >= current) return [];
    return (await this.store.opsSince(id, after, limit, current)).map(({ clientOpId: _, ...entry }) => entry);
  }

  /** The title and document at `version`; null when the design has no such version. */
  async stateAt(id: string, version: number, current: number): Promise<DesignState | null> {
    if (!Number.isInteger(version) || version < 0 || version > current) return null;
    let state: DesignState = { title: DEFAULT_TITLE, doc: emptyDesignDocument() };
    for (let done = 0; done < version; ) {
      const page = await this.store.opsSince(id, done, REPLAY_PAGE, version);
      if (page.length === 0) throw new Error(`design ${id}: the op log stops at version ${done}, before ${version}`);
      for (const entry of page) {
        const result = applyLoggedOp(state, entry.op);
        if (!result.ok) throw new Error(`design ${id}: stored op ${entry.version} does not replay: ${result.message}`);
        state = result.state;
        done = entry.version;
      }
    }
    return state;
  }

  /** A new design starting from `state` (a fork): version 1 restores it there. */
  async fork(state: DesignState, fromVersion: number, person: Participant, title: string): Promise<string> {
    const created = await this.store.create(person);
    const op: LoggedOp = { type: 'restoreVersion', fromVersion, title, doc: state.doc };
    await this.store.appendOp(created.id, 0, op, { title, doc: state.doc }, person);
    return created.id;
  }
}
