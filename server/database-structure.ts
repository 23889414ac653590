import { createClient } from '@libsql/client';
import pg from 'pg';
import { diffSql } from './prisma-cli.ts';
import { PROVIDER_PATHS, type Provider } from './schema-providers.ts';
import { createEmptyDatabase, migrationScripts, runScripts } from './test-database.ts';

/**
 * Tables, columns, indexes and foreign keys of a database, sorted so that two
 * databases with the same structure describe equal whatever order the
 * statements that built them ran in.
 */
export async function describeDatabase(provider: Provider, url: string): Promise<string[]> {
  if (provider === 'sqlite') {
    const raw = createClient({ url });
    try {
      const rows = async (sql: string) => (await raw.execute(sql)).rows.map((r) => JSON.stringify(Object.values(r)));
      const tables = (await raw.execute(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)).rows.map((r) => String(r.name));
      const out: string[] = [];
      for (const t of tables) {
        for (const c of await rows(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info('${t}')`)) out.push(`${t} column ${c}`);
        for (const i of await rows(`SELECT l.name, l."unique", group_concat(c.name) FROM pragma_index_list('${t}') l, pragma_index_info(l.name) c GROUP BY l.name`)) out.push(`${t} index ${i}`);
        for (const f of await rows(`SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list('${t}')`)) out.push(`${t} fk ${f}`);
      }
      return out.sort();
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query(sql)).rows.map((r: object) => JSON.stringify(Object.values(r)));
    return [
      ...(await rows(`SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length, datetime_precision
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`)).map((r) => `column ${r}`),
      ...(await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`)).map((r) => `index ${r}`),
      ...(await rows(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"_prisma_migrations"'`)).map((r) => `constraint ${r}`),
    ].sort();
  } finally {
    await client.end();
  }
}

/**
 * Applies a provider's migration history to one throwaway database and its
 * schema's own create script to another, and describes both: equal when the
 * history builds exactly what the schema says. PostgreSQL needs `serverUrl`,
 * a server where databases may be created (TEST_POSTGRES_URL).
 */
export async function historyMatchesSchema(provider: Provider, serverUrl?: string): Promise<{ migrated: string[]; described: string[] }> {
  const fromSchema = diffSql(provider, 'empty', PROVIDER_PATHS[provider].schema, serverUrl);
  const migrated = await createEmptyDatabase(provider, serverUrl);
  const created = await createEmptyDatabase(provider, serverUrl);
  try {
    await runScripts(provider, migrated.url, migrationScripts(provider));
    await runScripts(provider, created.url, [fromSchema]);
    return { migrated: await describeDatabase(provider, migrated.url), described: await describeDatabase(provider, created.url) };
  } finally {
    await migrated.drop();
    await created.drop();
  }
}
