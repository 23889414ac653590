import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historyMatchesSchema } from './database-structure.ts';
import { absolute, expectedPostgresSchema, PROVIDER_PATHS, sqliteSchemaFrom } from './schema-providers.ts';
import { TEST_PROVIDERS } from './test-database.ts';

describe('one source for the models, a migration history per provider', () => {
  it('the checked-in PostgreSQL schema is the one generated from prisma/schema.prisma (run `npm run db:schema`)', () => {
    const checkedIn = readFileSync(absolute(PROVIDER_PATHS.postgresql.schema), 'utf8');
    expect(checkedIn).toBe(expectedPostgresSchema());
    expect(sqliteSchemaFrom(checkedIn)).toBe(readFileSync(absolute(PROVIDER_PATHS.sqlite.schema), 'utf8'));
  });

  it.each(TEST_PROVIDERS)('the %s migrations build exactly what its schema describes (else `npm run db:migration -- NAME`)', async (provider) => {
    const { migrated, described } = await historyMatchesSchema(provider, provider === 'postgresql' ? process.env.TEST_POSTGRES_URL : undefined);
    expect(migrated.length).toBeGreaterThan(20);
    expect(migrated).toEqual(described);
  });
});
