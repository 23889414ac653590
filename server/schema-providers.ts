import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Prisma models have one source, prisma/schema.prisma (SQLite, the
 * one-process default). The PostgreSQL schema is made from it by swapping the
 * provider and the client's output folder; each provider keeps its own
 * migration history (prisma/migrations, prisma/postgresql/migrations).
 */
export type Provider = 'sqlite' | 'postgresql';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Where each provider's schema, migrations and generated client live, from the repository root. */
export const PROVIDER_PATHS: Record<Provider, { schema: string; migrations: string }> = {
  sqlite: { schema: 'prisma/schema.prisma', migrations: 'prisma/migrations' },
  postgresql: { schema: 'prisma/postgresql/schema.prisma', migrations: 'prisma/postgresql/migrations' },
};

export function absolute(relative: string): string {
  return path.join(ROOT, relative);
}

const GENERATED_NOTE =
  '// GENERATED from prisma/schema.prisma by `npm run db:schema` (provider and\n' +
  '// client output swapped). Do not edit: change prisma/schema.prisma, then run\n' +
  '// `npm run db:migration -- NAME`.\n\n';

function swap(schema: string, from: { provider: string; output: string }, to: { provider: string; output: string }): string {
  const provider = `provider = "${from.provider}"`;
  const output = `output       = "${from.output}"`;
  if (!schema.includes(provider) || !schema.includes(output)) {
    throw new Error(`schema has no ${provider} datasource or no ${output} generator`);
  }
  return schema.replace(provider, `provider = "${to.provider}"`).replace(output, `output       = "${to.output}"`);
}

const SQLITE = { provider: 'sqlite', output: '../server/generated/prisma' };
const POSTGRESQL = { provider: 'postgresql', output: '../../server/generated/prisma-postgresql' };

/** The PostgreSQL schema for the SQLite one: same models, other provider and client folder. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  return GENERATED_NOTE + swap(sqliteSchema, SQLITE, POSTGRESQL);
}

/** The inverse of postgresSchemaFrom: the SQLite schema a generated PostgreSQL schema was made from. */
export function sqliteSchemaFrom(postgresSchema: string): string {
  if (!postgresSchema.startsWith(GENERATED_NOTE)) throw new Error('not a generated PostgreSQL schema');
  return swap(postgresSchema.slice(GENERATED_NOTE.length), POSTGRESQL, SQLITE);
}

/** The PostgreSQL schema as prisma/schema.prisma says it should be now. */
export function expectedPostgresSchema(): string {
  return postgresSchemaFrom(readFileSync(absolute(PROVIDER_PATHS.sqlite.schema), 'utf8'));
}

/** Writes prisma/postgresql/schema.prisma; answers whether it changed. */
export function writePostgresSchema(): boolean {
  const file = absolute(PROVIDER_PATHS.postgresql.schema);
  const next = expectedPostgresSchema();
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // first time
  }
  if (current === next) return false;
  writeFileSync(file, next);
  return true;
}
