import { execFileSync } from 'node:child_process';
import { diffSql, prisma } from './prisma-cli.ts';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  absolute,
  expectedPostgresSchema,
  PROVIDER_PATHS,
  sqliteSchemaFrom,
  writePostgresSchema,
} from './schema-providers.ts';

// Loaded only when a migration is written: it reaches the generated Prisma clients, which
// `generate` (run on a fresh clone before any client exists) must not need.
const structure = () => import('./database-structure.ts');

/**
 * The developer's tasks on the Prisma models, for both providers at once:
 *   generate         regenerate prisma/postgresql/schema.prisma and both Prisma clients
 *   schema           regenerate prisma/postgresql/schema.prisma only
 *   migration NAME   after editing prisma/schema.prisma: write migration NAME for
 *                    SQLite and for PostgreSQL (and regenerate both clients)
 * A provider whose history already builds the schema (say a branch wrote its
 * SQLite migration by hand) gets no second one.
 */
function generate(): void {
  if (writePostgresSchema()) process.stdout.write(`wrote ${PROVIDER_PATHS.postgresql.schema}\n`);
  for (const provider of ['sqlite', 'postgresql'] as const) prisma(provider, ['generate', '--no-hints']);
  process.stdout.write('generated the SQLite and PostgreSQL Prisma clients\n');
}

/**
 * Runs `task` with the URL of a PostgreSQL server: TEST_POSTGRES_URL when set,
 * otherwise a private throwaway cluster (.ci/start-postgres.sh) stopped after.
 */
async function withPostgres<T>(task: (url: string) => Promise<T>): Promise<T> {
  if (process.env.TEST_POSTGRES_URL) return task(process.env.TEST_POSTGRES_URL);
  const dir = mkdtempSync(path.join(tmpdir(), 'multihead-pg-'));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const url = execFileSync(absolute('.ci/start-postgres.sh'), [dir, port], { encoding: 'utf8' }).trim();
  try {
    return await task(url);
  } finally {
    execFileSync(absolute('.ci/stop-postgres.sh'), [dir]);
  }
}

function sameStructure(r: { migrated: string[]; described: string[] }): boolean {
  return JSON.stringify(r.migrated) === JSON.stringify(r.described);
}

async function migration(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('the migration name is lower-case letters, digits and _ (e.g. add_sessions)');
  // The checked-in PostgreSQL schema is what the histories build so far (the
  // drift test holds them to it), so it tells the models before this edit.
  const pgFile = absolute(PROVIDER_PATHS.postgresql.schema);
  const before = readFileSync(pgFile, 'utf8');
  const dir = mkdtempSync(path.join(tmpdir(), 'multihead-migration-'));
  try {
    const old = { sqlite: path.join(dir, 'old-sqlite.prisma'), postgresql: path.join(dir, 'old-postgresql.prisma') };
    writeFileSync(old.sqlite, sqliteSchemaFrom(before));
    writeFileSync(old.postgresql, before);
    writeFileSync(pgFile, expectedPostgresSchema());
    const sqls = {
      sqlite: sameStructure(await (await structure()).historyMatchesSchema('sqlite')) ? '' : diffSql('sqlite', old.sqlite, PROVIDER_PATHS.sqlite.schema),
      postgresql: await withPostgres(async (url) =>
        sameStructure(await (await structure()).historyMatchesSchema('postgresql', url)) ? '' : diffSql('postgresql', old.postgresql, PROVIDER_PATHS.postgresql.schema, url),
      ),
    };
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    for (const provider of ['sqlite', 'postgresql'] as const) {
      if (!sqls[provider]) {
        process.stdout.write(`${provider}: its migrations already build prisma/schema.prisma, nothing written\n`);
        continue;
      }
      const folder = path.join(PROVIDER_PATHS[provider].migrations, `${stamp}_${name}`);
      mkdirSync(absolute(folder), { recursive: true });
      writeFileSync(absolute(path.join(folder, 'migration.sql')), sqls[provider]);
      process.stdout.write(`${provider}: wrote ${folder}/migration.sql\n`);
    }
  } catch (err) {
    writeFileSync(pgFile, before);
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  generate();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [task, name] = process.argv.slice(2);
  if (task === 'generate') generate();
  else if (task === 'schema') process.stdout.write(writePostgresSchema() ? `wrote ${PROVIDER_PATHS.postgresql.schema}\n` : 'up to date\n');
  else if (task === 'migration' && name) await migration(name);
  else {
    process.stderr.write('usage: tsx server/db-tasks.ts generate | schema | migration NAME\n');
    process.exit(2);
  }
}
