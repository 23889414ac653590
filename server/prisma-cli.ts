import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { absolute, type Provider } from './schema-providers.ts';

// The CLI picks schema, migrations and adapter from DATABASE_URL (prisma.config.ts),
// so each provider is run with a URL of its kind.
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

