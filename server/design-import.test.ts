import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateDocument } from '../lib/design/templates/index.ts';
import { DesignStore } from './design-store.ts';
import { exportFileName } from '../lib/export/file-name.ts';
import { importDesign } from './design-import.ts';
import { createTestDatabase, TEST_PROVIDERS } from './test-database.ts';
import type { Db } from './db.ts';

const ada = { id: 'g_ada0000000', name: 'Ada' };

function template(name: string) {
  const t = templateDocument(name);
  if (!t.ok) throw new Error(t.message);
  return t.doc;
}

describe.each(TEST_PROVIDERS)('importing a design file (%s)', (provider) => {
  let db: Db;
  let store: DesignStore;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ db, dispose } = await createTestDatabase(provider));
    store = new DesignStore(db);
  });
  afterEach(() => dispose());

  it('exported JSON imports back as the identical document, at version 1 with a restore in its history', async () => {
    const original = template('tiny-transformer');
    const exported = JSON.parse(JSON.stringify(original));
    const outcome = await importDesign(store, ada, exported, 'My transformer');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const stored = await store.get(outcome.design.id);
    expect(stored?.state).toEqual({ title: 'My transformer', doc: original });
    expect(JSON.parse(JSON.stringify(stored?.state.doc))).toEqual(exported);
    expect(stored?.version).toBe(1);
    const ops = await store.opsSince(outcome.design.id, 0);
    expect(ops.map((o) => [o.version, o.op.type, o.author.name])).toEqual([[1, 'restoreVersion', 'Ada']]);
  });

  it('refuses a bad file with the JSON path of the problem and creates nothing', async () => {
    const doc = template('tiny-transformer') as unknown as { nodes: { params: Record<string, unknown> }[] };
    const index = doc.nodes.findIndex((n) => 'heads' in n.params);
    doc.nodes[index].params.heads = 'many';
    const outcome = await importDesign(store, ada, doc);
    expect(outcome).toMatchObject({ ok: false, code: 'bad-params', path: `$.nodes[${index}].params.heads` });
    expect(outcome.ok ? '' : outcome.message).toMatch(new RegExp(`^\\$\\.nodes\\[${index}\\]\\.params\\.heads: `));
    expect(await db.design.count()).toBe(0);
  });

  it('refuses a file from a newer Multihead, naming formatVersion', async () => {
    const outcome = await importDesign(store, ada, { ...template('tiny-transformer'), formatVersion: 99 });
    expect(outcome).toMatchObject({ ok: false, path: '$.formatVersion' });
    expect(await db.design.count()).toBe(0);
  });

  it('names exported files after the title', () => {
    expect(exportFileName('My Transformer (v2)!', 'json')).toBe('my-transformer-v2.json');
    expect(exportFileName('☃', 'zip')).toBe('design.zip');
  });
});
