import { parseDesignDocument } from '../lib/design/parse.ts';
import type { DesignSummary } from '../lib/protocol/http.ts';
import type { DesignStore } from './design-store.ts';

/** The largest design file accepted by an import (a 2,000-node design is far below). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The title of an imported design when none is given. */
export const IMPORTED_TITLE = 'Imported design';

/** A new design, or why the file was refused: the JSON path of the first problem and a sentence. */
export type ImportOutcome = { ok: true; design: DesignSummary } | { ok: false; code: string; message: string; path: string };

/**
 * Imports a design document (a parsed JSON value): checks it exactly as a
 * stored design is checked (format version, catalog params, structure) and
 * only then creates the design, in one write, so a refused file leaves nothing behind.
 */
export async function importDesign(
  store: DesignStore,
  author: { id: string; name: string },
  document: unknown,
  title: string = IMPORTED_TITLE,
): Promise<ImportOutcome> {
  const parsed = parseDesignDocument(document);
  if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message, path: parsed.path };
  return { ok: true, design: await store.createFrom(author, { title, doc: parsed.doc }) };
}
