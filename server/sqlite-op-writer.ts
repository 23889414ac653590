import Database from 'libsql';
import { opRow, storedOp, type OpRow, type OpWriter, type RebasedAppend, type StoredAt, type StoredOp } from './op-writer.ts';

type OpRecord = Parameters<typeof storedOp>[0];

/**
 * The op log's hot path on SQLite, straight through the driver: every accepted
 * edit passes here. Prisma's per-statement cost was most of an edit's time on
 * the event loop (≈ 2.6 ms against ≈ 0.5 ms here), and @libsql/client's batch
 * prepared all four statements (BEGIN, INSERT, UPDATE, COMMIT) again on every
 * edit (a quarter of the driver's share of the server's main thread under the
 * load bench): this connection prepares its statements once. WAL with
 * synchronous=NORMAL survives a crash of the process; only an OS crash can lose
 * the last commits.
 *
 * It stays on the event loop on purpose: a writer thread would take the write
 * lock while Prisma's connections (which have no busy timeout) write on the
 * main thread, and they would fail with SQLITE_BUSY instead of waiting.
 */
export class SqliteOpWriter implements OpWriter {
  private readonly db: Database.Database;
  private readonly writeOp: Database.Transaction<(row: OpRow) => boolean>;
  private readonly appendOp: Database.Transaction<(request: RebasedAppend) => StoredAt | null>;

  constructor(url: string) {
    this.db = new Database(url.replace(/^file:/, '').replace(/\?.*$/, ''));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // The design row moves first (only from the expected version), then the op row is added: the
    // same order as every other writer, under the write lock the transaction holds.
    const updateDesign = this.db.prepare(
      `UPDATE "Design" SET "version" = ?, "title" = ?, "snapshot" = ?, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
    );
    const insertOp = this.db.prepare(
      `INSERT INTO "DesignOp" ("id", "designId", "version", "op", "author", "authorName", "createdAt", "clientOpId") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const opsAfter = this.db.prepare(
      `SELECT "version", "op", "author", "authorName", "createdAt", "clientOpId" FROM "DesignOp"
       WHERE "designId" = ? AND "version" > ? ORDER BY "version"`,
    );
    const writeRow = (row: OpRow): boolean => {
      const version = row.expectedVersion + 1;
      // Prisma's libsql adapter stores DateTime as ISO 8601 text with an explicit offset.
      const at = row.at.toISOString().replace('Z', '+00:00');
      const updated = updateDesign.run(version, row.title, row.snapshotJson, at, row.designId, row.expectedVersion);
      if (updated.changes !== 1) return false;
      insertOp.run(row.opId, row.designId, version, row.opJson, row.authorId, row.authorName, at, row.clientOpId);
      return true;
    };
    this.writeOp = this.db.transaction(writeRow);
    // Inside one write transaction nobody else writes: at most one catch-up, never a retry loop.
    this.appendOp = this.db.transaction((request: RebasedAppend): StoredAt | null => {
      let known = request.knownVersion;
      let missed: StoredOp[] = [];
      const at = new Date();
      for (;;) {
        const prepared = request.prepare(missed);
        if (!prepared) return null;
        if (writeRow(opRow(request, known, prepared, at))) return { version: known + 1, createdAt: at.toISOString() };
        missed = (opsAfter.all(request.designId, known) as OpRecord[]).map(storedOp);
        if (missed.length === 0) throw new Error(`design ${request.designId} is gone`);
        known = missed[missed.length - 1].version;
      }
    });
  }

  async write(row: OpRow): Promise<boolean> {
    return this.writeOp.immediate(row);
  }

  async append(request: RebasedAppend): Promise<StoredAt | null> {
    return this.appendOp.immediate(request);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
