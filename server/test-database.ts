import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { createDb, type Db } from './db.ts';

const MIGRATIONS = path.resolve(import.meta.dirname, '..', 'prisma', 'migrations');

/**
 * A throwaway SQLite database with every migration of prisma/migrations
 * applied in order, for integration tests of code that uses the database.
 */
export async function createTestDatabase(): Promise<{ db: Db; url: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'multihead-test-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  const raw = createClient({ url });
  const folders = readdirSync(MIGRATIONS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const folder of folders) await raw.executeMultiple(readFileSync(path.join(MIGRATIONS, folder, 'migration.sql'), 'utf8'));
  raw.close();
  const db = createDb(url);
  return {
    db,
    url,
    dispose: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
