import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** The SQLite file used when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = 'file:./data/multihead.db';

/** Which database a URL names: PostgreSQL for postgres(ql)://, otherwise SQLite (libsql). */
export function databaseProvider(url: string): 'sqlite' | 'postgresql' {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}

/**
 * The database URL in force, with the folder of an SQLite file created so that
 * a fresh clone needs no setup step. Shared by the server and prisma.config.ts.
 */
export function resolveDatabaseUrl(configured: string | undefined = process.env.DATABASE_URL): string {
  const url = configured?.trim() || DEFAULT_DATABASE_URL;
  if (url.startsWith('file:')) {
    const file = url.slice('file:'.length).split('?')[0];
    if (file && file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  return url;
}
