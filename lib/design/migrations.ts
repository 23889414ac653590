import { FORMAT_VERSION } from './document.ts';

/** Upgrades a raw document of one format version to the next. */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * MIGRATIONS[v] turns a version-v document into a version v+1 one. Format 1
 * is the first, so the table is empty; a change to the format adds an entry
 * here and bumps FORMAT_VERSION, and every old file keeps loading.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult =
  | { ok: true; doc: Record<string, unknown> }
  | { ok: false; code: 'bad-format-version' | 'format-too-new'; message: string };

/** Brings a raw parsed JSON document up to the current format version. */
export function migrateDocument(
  raw: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = FORMAT_VERSION,
): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'bad-format-version', message: 'a design document is a JSON object' };
  }
  let doc = raw as Record<string, unknown>;
  const version = doc.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, code: 'bad-format-version', message: 'formatVersion is missing or not a whole number' };
  }
  if (version > current) {
    return {
      ok: false,
      code: 'format-too-new',
      message: `this file has formatVersion ${version}, newer than this version of Multihead understands (${current})`,
    };
  }
  for (let v = version; v < current; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, code: 'bad-format-version', message: `formatVersion ${v} is not a known format` };
    doc = { ...step(doc), formatVersion: v + 1 };
  }
  return { ok: true, doc };
}
