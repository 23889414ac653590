import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  absolute,
  expectedPostgresSchema,
  PROVIDER_PATHS,
  sqliteSchemaFrom,
  writePostgresSchema,
  type Provider,
} from './schema-providers.ts';

/**
 * The developer's tasks on the Prisma models, for both providers at once:
 *   generate         regenerate prisma/postgresql/schema.prisma and both Prisma clients
 *   schema           regenerate prisma/postgresql/schema.prisma only
 *   migration NAME   after editing prisma/schema.prisma: write migration NAME for
 *                    SQLite and for PostgreSQL (and regenerate both clients)
 * The CLI picks schema, migrations and adapter from DATABASE_URL (prisma.config.ts),
 * so each provider is run with a URL of its kind; nothing connects to it.
 */
const PLACEHOLDER_URL: Record<Provider, string> = {
  sqlite: `file:${path.join(tmpdir(), 'multihead-db-tasks.db')}`,
  postgresql: 'postgresql://db-tasks@127.0.0.1:1/unused',
};

/** Runs the Prisma CLI for `provider` (with `url` when it must reach a database). */
export function prisma(provider: Provider, args: string[], url = PLACEHOLDER_URL[provider]): string {
  return execFileSync(absolute('node_modules/.bin/prisma'), args, {
    cwd: absolute('.'),
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function generate(): void {
  if (writePostgresSchema()) process.stdout.write(`wrote ${PROVIDER_PATHS.postgresql.schema}\n`);
  for (const provider of ['sqlite', 'postgresql'] as const) prisma(provider, ['generate', '--no-hints']);
  process.stdout.write('generated the SQLite and PostgreSQL Prisma clients\n');
}

/**
 * The SQL taking schema file `from` (or an empty database) to schema file `to`
 * for one provider; empty when nothing changed. With a driver adapter the
 * schema engine connects even for a pure diff, so PostgreSQL needs `url` to
 * name a reachable server (nothing is written to it).
 */
export function diffSql(provider: Provider, from: string | 'empty', to: string, url?: string): string {
  const source = from === 'empty' ? ['--from-empty'] : ['--from-schema-datamodel', from];
  const sql = prisma(provider, ['migrate', 'diff', ...source, '--to-schema-datamodel', to, '--script'], url);
  return /^-- This is an empty migration\.$/.test(sql.trim()) ? '' : sql;
}

/**
 * Runs `task` with the URL of a PostgreSQL server: TEST_POSTGRES_URL when set,
 * otherwise a private throwaway cluster (.ci/start-postgres.sh) stopped after.
 */
function withPostgres<T>(task: (url: string) => T): T {
  if (process.env.TEST_POSTGRES_URL) return task(process.env.TEST_POSTGRES_URL);
  const dir = mkdtempSync(path.join(tmpdir(), 'multihead-pg-'));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const url = execFileSync(absolute('.ci/start-postgres.sh'), [dir, port], { encoding: 'utf8' }).trim();
  try {
    return task(url);
  } finally {
    execFileSync(absolute('.ci/stop-postgres.sh'), [dir]);
  }
}

function migration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('the migration name is lower-case letters, digits and _ (e.g. add_sessions)');
  // The checked-in PostgreSQL schema is what both histories produce so far (the
  // drift test holds them to it), so it tells the models before this edit.
  const before = readFileSync(absolute(PROVIDER_PATHS.postgresql.schema), 'utf8');
  const dir = mkdtempSync(path.join(tmpdir(), 'multihead-migration-'));
  try {
    const old = { sqlite: path.join(dir, 'old-sqlite.prisma'), postgresql: path.join(dir, 'old-postgresql.prisma') };
    const now = { sqlite: PROVIDER_PATHS.sqlite.schema, postgresql: path.join(dir, 'postgresql.prisma') };
    writeFileSync(old.sqlite, sqliteSchemaFrom(before));
    writeFileSync(old.postgresql, before);
    writeFileSync(now.postgresql, expectedPostgresSchema());
    const sqls = {
      sqlite: diffSql('sqlite', old.sqlite, now.sqlite),
      postgresql: withPostgres((url) => diffSql('postgresql', old.postgresql, now.postgresql, url)),
    };
    if (!sqls.sqlite && !sqls.postgresql) {
      process.stdout.write('prisma/schema.prisma has not changed since the last migration: nothing written\n');
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    for (const provider of ['sqlite', 'postgresql'] as const) {
      if (!sqls[provider]) continue;
      const folder = path.join(PROVIDER_PATHS[provider].migrations, `${stamp}_${name}`);
      mkdirSync(absolute(folder), { recursive: true });
      writeFileSync(absolute(path.join(folder, 'migration.sql')), sqls[provider]);
      process.stdout.write(`wrote ${folder}/migration.sql\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  generate();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [task, name] = process.argv.slice(2);
  if (task === 'generate') generate();
  else if (task === 'schema') process.stdout.write(writePostgresSchema() ? `wrote ${PROVIDER_PATHS.postgresql.schema}\n` : 'up to date\n');
  else if (task === 'migration' && name) migration(name);
  else {
    process.stderr.write('usage: tsx server/db-tasks.ts generate | schema | migration NAME\n');
    process.exit(2);
  }
}
