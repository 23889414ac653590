import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { PrismaClient as PostgresPrismaClient } from './generated/prisma-postgresql/client.ts';
import { databaseProvider } from './database-url.ts';

export type Db = PrismaClient;

/**
 * A Prisma client for the database the URL names, through a driver adapter
 * (nothing native is downloaded): libsql for SQLite files, pg for PostgreSQL.
 * Both clients are generated from the same models (see schema-providers.ts),
 * so the PostgreSQL one is used through the SQLite client's type.
 */
export function createDb(databaseUrl: string): Db {
  if (databaseProvider(databaseUrl) === 'postgresql') {
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  }
  return new PrismaClient({ adapter: new PrismaLibSQL({ url: databaseUrl }) });
}

/** Runs a real query, so that health reflects the database and not a cached flag. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
