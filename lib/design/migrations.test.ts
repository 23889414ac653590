import { describe, expect, it } from 'vitest';
import { emptyDesignDocument } from './document.ts';
import { migrateDocument, MIGRATIONS } from './migrations.ts';
import { parseDesignDocument } from './parse.ts';

// A made-up format 0 that called edges "links", to exercise the hook.
const FAKE = { 0: ({ links, ...rest }: Record<string, unknown>) => ({ ...rest, edges: links }) };

describe('migrations', () => {
  it('format 1 is current and needs no migration', () => {
    expect(MIGRATIONS).toEqual({});
    expect(migrateDocument({ formatVersion: 1, nodes: [] })).toEqual({ ok: true, doc: { formatVersion: 1, nodes: [] } });
  });

  it('runs each step from the file\'s version up to the current one', () => {
    expect(migrateDocument({ formatVersion: 0, nodes: [], links: [] }, FAKE)).toEqual({ ok: true, doc: { formatVersion: 1, nodes: [], edges: [] } });
    const parsed = parseDesignDocument('{"formatVersion":0,"nodes":[],"links":[]}', FAKE);
    expect(parsed).toEqual({ ok: true, doc: emptyDesignDocument() });
  });

  it('refuses versions it has no step for, and versions from the future', () => {
    expect(migrateDocument({ formatVersion: 0 })).toMatchObject({ ok: false, code: 'bad-format-version' });
    expect(migrateDocument({ formatVersion: 3 })).toMatchObject({ ok: false, code: 'format-too-new' });
    expect(migrateDocument({ formatVersion: 1.5 })).toMatchObject({ ok: false, code: 'bad-format-version' });
    expect(migrateDocument(null)).toMatchObject({ ok: false, code: 'bad-format-version' });
  });
});
