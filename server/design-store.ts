import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { SqliteOpWriter } from './sqlite-op-writer.ts';
import { emptyDesignDocument } from '../lib/design/document.ts';
import { parseDesignDocument } from '../lib/design/parse.ts';
import { LoggedOp, type DesignState } from '../lib/design/design-state.ts';
import { DEFAULT_TITLE } from '../lib/design/title.ts';
import type { DesignSummary } from '../lib/protocol/http.ts';

export interface StoredDesign extends DesignSummary {
  state: DesignState;
  createdAt: string;
}

/** One entry of the op log as stored. */
export interface StoredOp {
  version: number;
  op: LoggedOp;
  author: { id: string; name: string };
  createdAt: string;
  /** The id its author's client sent it under, when it was kept (not on older rows). */
  clientOpId?: string;
}

/** Another writer took the version first: the caller reloads and tries again. */
export class VersionConflict extends Error {
  constructor(designId: string, version: number) {
    super(`design ${designId}: version ${version} was written by someone else`);
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
  /** With `sqliteUrl`, edits are appended straight through the driver (see SqliteOpWriter). */
  private readonly fastWriter: SqliteOpWriter | null;

  constructor(
    private readonly db: Db,
    options: { sqliteUrl?: string } = {},
  ) {
    this.fastWriter = options.sqliteUrl?.startsWith('file:') ? new SqliteOpWriter(options.sqliteUrl) : null;
  }

  close(): void {
    this.fastWriter?.close();
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
  ): Promise<{ version: number; createdAt: string }> {
    const version = expectedVersion + 1;
    const createdAt = new Date();
    const opId = randomUUID();
    let written: number[];
    try {
      // Both statements are guarded by the expected version: either both write, or neither
      // does and the caller catches up.
      written = this.fastWriter
        ? await this.fastWriter.write({
            opId,
            designId: id,
            expectedVersion,
            opJson: JSON.stringify(op),
            authorId: author.id,
            authorName: author.name,
            clientOpId: clientOpId ?? null,
            title: next.title,
            snapshotJson: JSON.stringify(next.doc),
            at: createdAt,
          })
        : await this.db.$transaction([
            this.db.$executeRaw`INSERT INTO "DesignOp" ("id", "designId", "version", "op", "author", "authorName", "createdAt", "clientOpId")
              SELECT ${opId}, ${id}, ${version}, ${JSON.stringify(op)}, ${author.id}, ${author.name}, ${createdAt}, ${clientOpId ?? null}
              WHERE EXISTS (SELECT 1 FROM "Design" WHERE "id" = ${id} AND "version" = ${expectedVersion})`,
            this.db.$executeRaw`UPDATE "Design" SET "version" = ${version}, "title" = ${next.title},
              "snapshot" = ${JSON.stringify(next.doc)}, "updatedAt" = ${createdAt}
              WHERE "id" = ${id} AND "version" = ${expectedVersion}`,
          ]);
    } catch (err) {
      const message = String((err as Error).message);
      if (clientOpId !== undefined && CLIENT_OP_ID_INDEX.test(message)) throw new DuplicateClientOp(id, clientOpId);
      if (/unique/i.test(message)) throw new VersionConflict(id, version);
      throw err;
    }
    if (written[0] !== 1 || written[1] !== 1) throw new VersionConflict(id, version);
    return { version, createdAt: createdAt.toISOString() };
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

function storedOp(r: { version: number; op: unknown; author: string; authorName: string; createdAt: Date; clientOpId: string | null }): StoredOp {
  return {
    version: r.version,
    op: LoggedOp.parse(r.op),
    author: { id: r.author, name: r.authorName },
    createdAt: r.createdAt.toISOString(),
    ...(r.clientOpId === null ? {} : { clientOpId: r.clientOpId }),
  };
}
