import { defineConfig } from 'prisma/config';
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { databaseProvider, resolveDatabaseUrl } from './server/database-url.ts';
import { PROVIDER_PATHS } from './server/schema-providers.ts';
import { prismaCliPostgresAdapter } from './server/prisma-cli-postgres.ts';

// The schema keeps `url = env("DATABASE_URL")` (without it `prisma generate`
// tries to download an engine), so the variable must be set for the CLI too.
process.env.DATABASE_URL = resolveDatabaseUrl();

// DATABASE_URL picks the provider: its schema (prisma/schema.prisma or the one
// generated from it), its migration history and its driver adapter, so that
// `prisma migrate deploy` works the same on SQLite and PostgreSQL.
const provider = databaseProvider(process.env.DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: PROVIDER_PATHS[provider].schema,
  migrations: { path: PROVIDER_PATHS[provider].migrations },
  async adapter() {
    const url = process.env.DATABASE_URL!;
    return provider === 'postgresql' ? prismaCliPostgresAdapter(url) : new PrismaLibSQL({ url });
  },
});
