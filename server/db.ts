import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;

/** A Prisma client over the libsql driver adapter: nothing native is downloaded. */
export function createDb(databaseUrl: string): Db {
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
