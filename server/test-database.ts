import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import pg from 'pg';
import { createDb, type Db } from './db.ts';
import { absolute, PROVIDER_PATHS, type Provider } from './schema-providers.ts';

/**
 * The providers the database tests run on: SQLite always, PostgreSQL too when
 * TEST_POSTGRES_URL names a server where the tests may create databases
 * (.ci/run starts one).
 */
export const TEST_PROVIDERS: Provider[] = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgresql'] : ['sqlite'];

/**
 * The scale-out tests (several server instances, one database, one Redis): on
 * PostgreSQL when both TEST_POSTGRES_URL and TEST_REDIS_URL are set (.ci/run
 * starts both), otherwise none.
 */
export const TEST_CLUSTER_PROVIDERS: Provider[] = process.env.TEST_POSTGRES_URL && process.env.TEST_REDIS_URL ? ['postgresql'] : [];

export interface TestDatabase {
  db: Db;
  url: string;
  provider: Provider;
  dispose: () => Promise<void>;
}

/** The migration scripts of a provider, oldest first. */
export function migrationScripts(provider: Provider): string[] {
  const dir = absolute(PROVIDER_PATHS[provider].migrations);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((folder) => readFileSync(path.join(dir, folder, 'migration.sql'), 'utf8'));
}

/** Runs raw SQL scripts (several statements each) on a database, in order. */
export async function runScripts(provider: Provider, url: string, scripts: string[]): Promise<void> {
  if (provider === 'sqlite') {
    const raw = createClient({ url });
    try {
      for (const sql of scripts) await raw.executeMultiple(sql);
    } finally {
      raw.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of scripts) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty throwaway database of `provider`; `drop` removes it. */
export async function createEmptyDatabase(
  provider: Provider,
  server = process.env.TEST_POSTGRES_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'multihead-test-'));
    return { url: `file:${path.join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!server) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `multihead_test_${randomUUID().replace(/-/g, '')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * A throwaway database with every migration of the provider's history
 * applied in order, for integration tests of code that uses the database.
 */
export async function createTestDatabase(provider: Provider = 'sqlite'): Promise<TestDatabase> {
  const empty = await createEmptyDatabase(provider);
  await runScripts(provider, empty.url, migrationScripts(provider));
  const db = createDb(empty.url);
  return {
    db,
    url: empty.url,
    provider,
    dispose: async () => {
      await db.$disconnect();
      await empty.drop();
    },
  };
}
