import pg from 'pg';
import { opRow, storedOp, type OpRow, type OpWriter, type PreparedOp, type RebasedAppend, type StoredAt, type StoredOp } from './op-writer.ts';

/**
 * Both rows in one statement, guarded by the expected version: the design row moves only from
 * that version, and the op row is inserted only when it did. `timestamp` columns hold UTC (as
 * Prisma writes them), so the time goes as ISO text and is read back the same way.
 */
const WRITE = `WITH moved AS (
    UPDATE "Design" SET "version" = $3, "title" = $9, "snapshot" = $10::jsonb, "updatedAt" = $7::timestamp
    WHERE "id" = $2 AND "version" = $11 RETURNING "id")
  INSERT INTO "DesignOp" ("id", "designId", "version", "op", "author", "authorName", "createdAt", "clientOpId")
  SELECT $1, "id", $3, $4::jsonb, $5, $6, $7::timestamp, $8 FROM moved`;

/** The ops after a version, oldest first (the time as UTC text, see WRITE). */
const opsAfter = (designId: string, version: number) => `SELECT "version", "op", "author", "authorName", "clientOpId",
    to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
  FROM "DesignOp" WHERE "designId" = ${pg.escapeLiteral(designId)} AND "version" > ${integer(version)} ORDER BY "version"`;

function params(row: OpRow): unknown[] {
  const version = row.expectedVersion + 1;
  return [row.opId, row.designId, version, row.opJson, row.authorId, row.authorName, row.at.toISOString(), row.clientOpId, row.title, row.snapshotJson, row.expectedVersion];
}

/**
 * WRITE with its values written in (escaped), so that it can share one round trip with other
 * statements: PostgreSQL takes several statements in one query only without parameters.
 */
function inlined(row: OpRow): string {
  const values = params(row).map((v) => (v === null ? 'NULL' : typeof v === 'number' ? integer(v) : pg.escapeLiteral(String(v))));
  return WRITE.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1]);
}

function integer(v: number): string {
  if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${v}`);
  return String(v);
}

/**
 * The op log's hot path on PostgreSQL, straight through `pg` (a few connections of its own):
 * an edit is one statement when the writer knew the latest version. When another instance
 * stored first, the design row is locked, what it stored is read and the edit prepared again
 * on top of it, all in one transaction: a lost race costs one more round of statements, never a
 * retry that can lose again (which, with every room's people spread over two instances, fed on
 * itself until edits took seconds).
 */
export class PostgresOpWriter implements OpWriter {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection the server drops must not take the process down.
    this.pool.on('error', () => undefined);
  }

  async write(row: OpRow): Promise<boolean> {
    return (await this.pool.query(WRITE, params(row))).rowCount === 1;
  }

  async append(request: RebasedAppend): Promise<StoredAt | null> {
    const at = new Date();
    const first = request.prepare([]);
    if (!first) return null;
    if (await this.write(opRow(request, request.knownVersion, first, at))) {
      return { version: request.knownVersion + 1, createdAt: at.toISOString() };
    }
    // Lost the race: lock the design and read what was missed in one round trip, prepare the
    // edit again on it, then write and commit in a second, so the lock is held as briefly as can be.
    const client = await this.pool.connect();
    try {
      const [, locked, after] = (await client.query(
        `BEGIN; SELECT "version" FROM "Design" WHERE "id" = ${pg.escapeLiteral(request.designId)} FOR UPDATE; ${opsAfter(request.designId, request.knownVersion)}`,
      )) as unknown as [pg.QueryResult, pg.QueryResult<{ version: number }>, pg.QueryResult];
      if (locked.rows.length === 0) throw new Error(`design ${request.designId} is gone`);
      const latest = locked.rows[0].version;
      // Every writer moves the design row under its lock first, so no op lies beyond `latest`.
      const missed: StoredOp[] = after.rows.map(storedOp);
      if (latest > request.knownVersion && missed[missed.length - 1]?.version !== latest) {
        throw new Error(`design ${request.designId}: the op log does not reach version ${latest}`);
      }
      const prepared: PreparedOp = missed.length > 0 ? request.prepare(missed) : first;
      if (!prepared) {
        await client.query('ROLLBACK');
        return null;
      }
      const [written] = (await client.query(`${inlined(opRow(request, latest, prepared, at))}; COMMIT`)) as unknown as pg.QueryResult[];
      if (written.rowCount !== 1) throw new Error(`design ${request.designId}: version ${latest + 1} was taken under the lock`);
      return { version: latest + 1, createdAt: at.toISOString() };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
