import { randomUUID } from 'node:crypto';
import { LoggedOp, type DesignState } from '../lib/design/design-state.ts';

/** One entry of the op log as stored. */
export interface StoredOp {
  version: number;
  op: LoggedOp;
  author: { id: string; name: string };
  createdAt: string;
  /** The id its author's client sent it under, when it was kept (not on older rows). */
  clientOpId?: string;
}

/** The edit to store next and the state it produces, or null to store nothing (it was refused). */
export type PreparedOp = { op: LoggedOp; next: DesignState } | null;

/**
 * An edit written on top of whatever the log holds: `prepare` is first asked with no ops (the
 * writer believes `knownVersion` is the latest); when another writer got there first it is asked
 * again with the ops stored since the version it last saw, and must answer for the state after
 * them. So it may be called more than once, never with the same op twice.
 */
export interface RebasedAppend {
  designId: string;
  knownVersion: number;
  author: { id: string; name: string };
  clientOpId?: string;
  prepare: (missed: StoredOp[]) => PreparedOp;
}

/** Where an appended edit was stored. */
export interface StoredAt {
  version: number;
  createdAt: string;
}

/** One accepted edit as two guarded statements (the op row, the design row); see DesignStore.appendOp. */
export interface OpRow {
  opId: string;
  designId: string;
  expectedVersion: number;
  opJson: string;
  authorId: string;
  authorName: string;
  clientOpId: string | null;
  title: string;
  snapshotJson: string;
  at: Date;
}

/** The op log's hot path straight through a database driver (SQLite or PostgreSQL). */
export interface OpWriter {
  /** Writes both rows when the design is still at `expectedVersion`; false (nothing written) when it is not. */
  write(row: OpRow): Promise<boolean>;
  /** Stores `request`'s edit as the next version, whoever wrote before it (see RebasedAppend); null when refused. */
  append(request: RebasedAppend): Promise<StoredAt | null>;
  close(): Promise<void>;
}

/** The row an edit is written as, once prepared, on top of `expectedVersion`. */
export function opRow(
  edit: Pick<RebasedAppend, 'designId' | 'author' | 'clientOpId'>,
  expectedVersion: number,
  prepared: NonNullable<PreparedOp>,
  at: Date,
): OpRow {
  return {
    opId: randomUUID(),
    designId: edit.designId,
    expectedVersion,
    opJson: JSON.stringify(prepared.op),
    authorId: edit.author.id,
    authorName: edit.author.name,
    clientOpId: edit.clientOpId ?? null,
    title: prepared.next.title,
    snapshotJson: JSON.stringify(prepared.next.doc),
    at,
  };
}

/** An op row as the database returns it (the op as parsed JSON or as text, the time as a Date or text). */
export function storedOp(r: { version: number; op: unknown; author: string; authorName: string; createdAt: Date | string; clientOpId: string | null }): StoredOp {
  return {
    version: r.version,
    op: LoggedOp.parse(typeof r.op === 'string' ? JSON.parse(r.op) : r.op),
    author: { id: r.author, name: r.authorName },
    createdAt: (r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt)).toISOString(),
    ...(r.clientOpId === null ? {} : { clientOpId: r.clientOpId }),
  };
}
