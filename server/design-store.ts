import type { Db } from './db.ts';
import { databaseProvider } from './database-url.ts';
import { opRow, storedOp, type OpRow, type OpWriter, type RebasedAppend, type StoredAt, type StoredOp } from './op-writer.ts';
import { PostgresOpWriter } from './postgres-op-writer.ts';
import { SqliteOpWriter } from './sqlite-op-writer.ts';
import { emptyDesignDocument } from '../lib/design/document.ts';
import { parseDesignDocument } from '../lib/design/parse.ts';
import type { LoggedOp, DesignState } from '../lib/design/design-state.ts';
import { DEFAULT_TITLE } from '../lib/design/title.ts';
import type { DesignSummary } from '../lib/protocol/http.ts';

export type { StoredOp } from './op-writer.ts';

export interface StoredDesign extends DesignSummary {
  state: DesignState;
  createdAt: string;
}

/** How often a rebased append through Prisma (no driver of its own) reads what it missed and tries again. */
const PRISMA_REBASE_ATTEMPTS = 10;

/** Another writer took the version first: the caller reloads and tries again. */
export class VersionConflict extends Error {
  constructor(designId: string, version?: number) {
    super(`design ${designId}: ${version === undefined ? 'its next version' : `version ${version}`} was written by someone else`);
  }
}

/** An op under this (design, clientOpId) is stored already: the edit was resent, it is not stored twice. */
export class DuplicateClientOp extends Error {
  constructor(designId: string, readonly clientOpId: string) {
    super(`design ${designId}: an op under client id ${clientOpId} is stored already`);
  }
}

/** The unique index on (designId, clientOpId), as SQLite and PostgreSQL name it in their errors. */
const CLIENT_OP_ID_INDEX = /DesignOp\.clientOpId|DesignOp_designId_clientOpId_key|`clientOpId`/;

/** The stored snapshot cannot be read: reported, never silently replaced. */
export class CorruptDesign extends Error {}

function summary(d: { id: string; title: string; version: number; updatedAt: Date }): DesignSummary {
  return { id: d.id, title: d.title, version: d.version, updatedAt: d.updatedAt.toISOString() };
}

/** Designs and their op logs in the database: the only place that reads or writes those rows. */
export class DesignStore {
  /** With `url` (the database's, a SQLite file or PostgreSQL), edits are written straight through the driver. */
  private readonly writer: OpWriter | null;

  constructor(
    private readonly db: Db,
    options: { url?: string } = {},
  ) {
    const url = options.url;
    this.writer = !url ? null : databaseProvider(url) === 'postgresql' ? new PostgresOpWriter(url) : url.startsWith('file:') ? new SqliteOpWriter(url) : null;
  }

  async close(): Promise<void> {
    await this.writer?.close();
  }

  /** Most recently edited first; with `ownerId`, only that person's designs. */
  async list(limit = 200, ownerId?: string): Promise<DesignSummary[]> {
    const rows = await this.db.design.findMany({
      where: ownerId === undefined ? {} : { ownerId },
      orderBy: { updatedAt: 'desc' },
      take: limit,
      select: { id: true, title: true, version: true, updatedAt: true },
    });
    return rows.map(summary);
  }

  /**
   * A new design. Version 0 is always the blank canvas with the default
   * title, so replaying the op log from 0 rebuilds any version; a chosen
   * title is version 1, made by `author`.
   */
  async create(author: { id: string; name: string }, title: string = DEFAULT_TITLE): Promise<DesignSummary> {
    const doc = emptyDesignDocument();
    const row = await this.db.design.create({ data: { title: DEFAULT_TITLE, snapshot: doc as object, ownerId: author.id } });
    if (title === DEFAULT_TITLE) return summary(row);
    await this.appendOp(row.id, 0, { type: 'renameDesign', title }, { title, doc }, author);
    const renamed = await this.db.design.findUniqueOrThrow({ where: { id: row.id } });
    return summary(renamed);
  }

  /**
   * A new design holding `state` from elsewhere (an imported file): version 0
   * is the blank canvas as always, version 1 restores `state` (fromVersion
   * -1). The design row and its first op are one nested write, so a failure
   * leaves no half-imported design behind.
   */
  async createFrom(author: { id: string; name: string }, state: DesignState): Promise<DesignSummary> {
    const op: LoggedOp = { type: 'restoreVersion', fromVersion: -1, title: state.title, doc: state.doc };
    const row = await this.db.design.create({
      data: {
        title: state.title,
        ownerId: author.id,
        version: 1,
        snapshot: state.doc as object,
        ops: { create: { version: 1, op: op as object, author: author.id, authorName: author.name } },
      },
    });
    return summary(row);
  }

  /** The design at its latest version, or null when there is none with this id. */
  async get(id: string): Promise<StoredDesign | null> {
    const row = await this.db.design.findUnique({ where: { id } });
    if (!row) return null;
    const parsed = parseDesignDocument(row.snapshot);
    if (!parsed.ok) throw new CorruptDesign(`design ${id}: stored snapshot is unreadable: ${parsed.message}`);
    return { ...summary(row), state: { title: row.title, doc: parsed.doc }, createdAt: row.createdAt.toISOString() };
  }

  /**
   * Appends `op` as version `expectedVersion + 1` and stores the state it
   * produced, atomically. The unique (design, version) pair, not this
   * process's memory, decides who wins when two writers race; the unique
   * (design, clientOpId) pair keeps a resent edit from being stored twice.
   */
  async appendOp(
    id: string,
    expectedVersion: number,
    op: LoggedOp,
    next: DesignState,
    author: { id: string; name: string },
    clientOpId?: string,
  ): Promise<StoredAt> {
    const at = new Date();
    const row = opRow({ designId: id, author, clientOpId }, expectedVersion, { op, next }, at);
    if (!(await this.guarded(id, clientOpId, () => this.write(row)))) throw new VersionConflict(id, expectedVersion + 1);
    return { version: expectedVersion + 1, createdAt: at.toISOString() };
  }

  /**
   * Appends an edit as the next version whoever wrote before it: `prepare` says what to store
   * on top of the latest state (see RebasedAppend) and may refuse (null is returned). Through a
   * driver the design is locked while the missed ops are read, so this never loses a race; through
   * Prisma it reads and tries again, and throws VersionConflict when it keeps losing.
   */
  async appendRebased(request: RebasedAppend): Promise<StoredAt | null> {
    if (this.writer) return this.guarded(request.designId, request.clientOpId, () => this.writer!.append(request));
    let known = request.knownVersion;
    let missed: StoredOp[] = [];
    for (let attempt = 0; attempt < PRISMA_REBASE_ATTEMPTS; attempt++) {
      const prepared = request.prepare(missed);
      if (!prepared) return null;
      const at = new Date();
      const row = opRow(request, known, prepared, at);
      // Two transactions may both see the old version; the unique (design, version) stops the second.
      const written = await this.guarded(request.designId, request.clientOpId, () => this.write(row)).catch((err: unknown) => {
        if (err instanceof VersionConflict) return false;
        throw err;
      });
      if (written) return { version: known + 1, createdAt: at.toISOString() };
      missed = await this.opsSince(request.designId, known);
      if (missed.length > 0) known = missed[missed.length - 1].version;
    }
    throw new VersionConflict(request.designId, known + 1);
  }

  /** Both rows or neither, guarded by the expected version: false when the design had moved on. */
  private async write(row: OpRow): Promise<boolean> {
    if (this.writer) return this.writer.write(row);
    const version = row.expectedVersion + 1;
    // The design row first, as the drivers' writers do: every writer takes the row's lock before
    // the op's index entry, so two of them can never wait on each other (PostgreSQL found that
    // deadlock between this path and PostgresOpWriter). The op is inserted only at the version
    // the update reached; when another writer moved it there instead, the unique (design,
    // version) refuses the insert.
    const written = await this.db.$transaction([
      this.db.$executeRaw`UPDATE "Design" SET "version" = ${version}, "title" = ${row.title},
        "snapshot" = ${row.snapshotJson}, "updatedAt" = ${row.at}
        WHERE "id" = ${row.designId} AND "version" = ${row.expectedVersion}`,
      this.db.$executeRaw`INSERT INTO "DesignOp" ("id", "designId", "version", "op", "author", "authorName", "createdAt", "clientOpId")
        SELECT ${row.opId}, ${row.designId}, ${version}, ${row.opJson}, ${row.authorId}, ${row.authorName}, ${row.at}, ${row.clientOpId}
        WHERE EXISTS (SELECT 1 FROM "Design" WHERE "id" = ${row.designId} AND "version" = ${version})`,
    ]);
    return written[0] === 1;
  }

  /** The database's unique indexes, as the errors the callers know. */
  private async guarded<T>(id: string, clientOpId: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      const message = String((err as Error).message);
      if (clientOpId !== undefined && CLIENT_OP_ID_INDEX.test(message)) throw new DuplicateClientOp(id, clientOpId);
      if (/unique/i.test(message)) throw new VersionConflict(id);
      throw err;
    }
  }

  /** The latest version of each of these designs (those that exist), in one query. */
  async latestVersions(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.design.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } });
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  /** Ops after `version` (up to `until`, inclusive), oldest first, at most `limit`. */
  async opsSince(id: string, version: number, limit = 1000, until?: number): Promise<StoredOp[]> {
    const rows = await this.db.designOp.findMany({
      where: { designId: id, version: { gt: version, ...(until === undefined ? {} : { lte: until }) } },
      orderBy: { version: 'asc' },
      take: limit,
    });
    return rows.map(storedOp);
  }

  /** The op stored under `clientOpId` in this design, or null (read only when an edit is resent). */
  async opByClientOpId(id: string, clientOpId: string): Promise<StoredOp | null> {
    const row = await this.db.designOp.findUnique({ where: { designId_clientOpId: { designId: id, clientOpId } } });
    return row && storedOp(row);
  }
}
