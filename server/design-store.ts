import type { Db } from './db.ts';
import { emptyDesignDocument } from '../lib/design/document.ts';
import { DEFAULT_TITLE } from '../lib/design/title.ts';
import type { DesignSummary } from '../lib/protocol/http.ts';

export interface StoredDesign extends DesignSummary {
  snapshot: unknown;
  createdAt: string;
}

function summary(d: { id: string; title: string; version: number; updatedAt: Date }): DesignSummary {
  return { id: d.id, title: d.title, version: d.version, updatedAt: d.updatedAt.toISOString() };
}

/** Designs in the database: the only place that reads or writes Design rows. */
export class DesignStore {
  constructor(private readonly db: Db) {}

  /** Most recently edited first. */
  async list(limit = 200): Promise<DesignSummary[]> {
    const rows = await this.db.design.findMany({
      orderBy: { updatedAt: 'desc' },
      take: limit,
      select: { id: true, title: true, version: true, updatedAt: true },
    });
    return rows.map(summary);
  }

  async create(title: string = DEFAULT_TITLE): Promise<DesignSummary> {
    const row = await this.db.design.create({ data: { title, snapshot: emptyDesignDocument() as object } });
    return summary(row);
  }

  async get(id: string): Promise<StoredDesign | null> {
    const row = await this.db.design.findUnique({ where: { id } });
    if (!row) return null;
    return { ...summary(row), snapshot: row.snapshot, createdAt: row.createdAt.toISOString() };
  }

  /**
   * Renames a design as an entry of its op log, so a rename is part of the
   * history like any other edit. The unique (design, version) pair makes a
   * concurrent writer fail instead of silently reusing a version.
   */
  async rename(id: string, title: string, author: string): Promise<DesignSummary | null> {
    return this.db.$transaction(async (tx) => {
      const current = await tx.design.findUnique({ where: { id }, select: { version: true } });
      if (!current) return null;
      const version = current.version + 1;
      await tx.designOp.create({ data: { designId: id, version, op: { type: 'rename', title }, author } });
      const row = await tx.design.update({ where: { id }, data: { title, version } });
      return summary(row);
    });
  }
}
