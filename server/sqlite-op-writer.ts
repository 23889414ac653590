import Database from 'libsql';

/** One accepted edit as two guarded statements; see DesignStore.appendOp. */
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

/**
 * The op log's hot path on SQLite, straight through the driver: every accepted
 * edit passes here. Prisma's per-statement cost was most of an edit's time on
 * the event loop (≈ 2.6 ms against ≈ 0.5 ms here), and @libsql/client's batch
 * prepared all four statements (BEGIN, INSERT, UPDATE, COMMIT) again on every
 * edit (a quarter of the driver's share of the server's main thread under the
 * load bench): this connection prepares its two statements once. WAL with
 * synchronous=NORMAL survives a crash of the process; only an OS crash can lose
 * the last commits. PostgreSQL keeps the Prisma path.
 *
 * It stays on the event loop on purpose: a writer thread would take the write
 * lock while Prisma's connections (which have no busy timeout) write on the
 * main thread, and they would fail with SQLITE_BUSY instead of waiting.
 */
export class SqliteOpWriter {
  private readonly db: Database.Database;
  private readonly writeOp: Database.Transaction<(row: OpRow) => [number, number]>;

  constructor(url: string) {
    this.db = new Database(url.replace(/^file:/, '').replace(/\?.*$/, ''));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    const insertOp = this.db.prepare(
      `INSERT INTO "DesignOp" ("id", "designId", "version", "op", "author", "authorName", "createdAt", "clientOpId")
       SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM "Design" WHERE "id" = ? AND "version" = ?)`,
    );
    const updateDesign = this.db.prepare(
      `UPDATE "Design" SET "version" = ?, "title" = ?, "snapshot" = ?, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
    );
    this.writeOp = this.db.transaction((row: OpRow): [number, number] => {
      const version = row.expectedVersion + 1;
      // Prisma's libsql adapter stores DateTime as ISO 8601 text with an explicit offset.
      const at = row.at.toISOString().replace('Z', '+00:00');
      const inserted = insertOp.run(row.opId, row.designId, version, row.opJson, row.authorId, row.authorName, at, row.clientOpId, row.designId, row.expectedVersion);
      const updated = updateDesign.run(version, row.title, row.snapshotJson, at, row.designId, row.expectedVersion);
      return [inserted.changes, updated.changes];
    });
  }

  /** Writes both rows or neither; returns the rows changed by each statement. */
  async write(row: OpRow): Promise<[number, number]> {
    return this.writeOp.immediate(row);
  }

  close(): void {
    this.db.close();
  }
}
