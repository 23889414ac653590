import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';

// PostgreSQL catalog types that @prisma/adapter-pg 6.19 cannot map although
// they are plain text: `name` and the one-byte `"char"`. Prisma Migrate reads
// them when it inspects a database (prisma/prisma#27403: "Column type 'name'
// could not be deserialized"), so the CLI's adapter reports them as text.
const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);

function catalogTypesAsText<T>(result: T): T {
  for (const field of (result as { fields?: { dataTypeID: number }[] }).fields ?? []) {
    if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

function patchQuery(target: { query: (...args: unknown[]) => unknown }): void {
  const query = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    const answer = query(...args);
    return answer instanceof Promise ? answer.then(catalogTypesAsText) : answer;
  };
}

class CatalogTextPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    patchQuery(this as unknown as { query: (...args: unknown[]) => unknown });
    this.on('connect', (client) => patchQuery(client as unknown as { query: (...args: unknown[]) => unknown }));
  }
}

/** The driver adapter prisma.config.ts gives the Prisma CLI (migrate, diff) for PostgreSQL. */
export function prismaCliPostgresAdapter(url: string): PrismaPg {
  return new PrismaPg(new CatalogTextPool({ connectionString: url }), { disposeExternalPool: true });
}
