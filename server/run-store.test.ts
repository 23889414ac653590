import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobEventMessage } from '../lib/protocol/messages.ts';
import { DesignStore } from './design-store.ts';
import { RunStore } from './run-store.ts';
import { createTestDatabase, TEST_PROVIDERS } from './test-database.ts';
import type { Db } from './db.ts';

const job = (id: string, kind = 'run') => ({ id, kind, requestedBy: 'g_ada0000000' });

describe.each(TEST_PROVIDERS)('RunStore (%s)', (provider) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let designId: string;

  beforeEach(async () => {
    ({ db, dispose } = await createTestDatabase(provider));
    designId = (await new DesignStore(db).create({ id: 'g_ada0000000', name: 'Ada' })).id;
  });
  afterEach(() => dispose());

  it('keeps the latest result of each kind, across a restart (a fresh store)', async () => {
    const runs = new RunStore(db);
    await runs.record({ designId, job: job('j1'), type: 'result', result: { n: 1 } });
    await runs.record({ designId, job: job('j2'), type: 'result', result: { n: 2 } });
    await runs.record({ designId, job: job('j3', 'train'), type: 'failed', error: { code: 'timeout', message: 'too slow' } });
    await runs.record({ designId, job: job('j4'), type: 'cancelled', by: 'g_bob0000000' });
    const afterRestart = await new RunStore(db).latest(designId);
    expect(afterRestart.run).toMatchObject({ type: 'result', result: { n: 2 } });
    expect(afterRestart.train).toMatchObject({ type: 'failed', error: { code: 'timeout' } });
    expect((await runs.list(designId)).map((r) => [r.id, r.outcome])).toEqual([
      ['j4', 'cancelled'],
      ['j3', 'failed'],
      ['j2', 'result'],
      ['j1', 'result'],
    ]);
    expect(((await runs.get(designId, 'j1')) as Extract<JobEventMessage, { type: 'result' }>).result).toEqual({ n: 1 });
    expect(await runs.get(designId, 'nope')).toBeNull();
  });

  it('shows the newest result even when another instance (another store on the database) stored it', async () => {
    const here = new RunStore(db);
    const there = new RunStore(db);
    await here.record({ designId, job: job('j1', 'train'), type: 'result', result: { n: 1 } });
    await new Promise((r) => setTimeout(r, 5));
    await there.record({ designId, job: job('j2', 'train'), type: 'result', result: { n: 2 } });
    expect((await here.latest(designId)).train).toMatchObject({ job: { id: 'j2' } });
    expect((await there.latest(designId)).train).toMatchObject({ job: { id: 'j2' } });
  });

  it('keeps the latest trained weights of a design, bit for bit, one set per design', async () => {
    const runs = new RunStore(db);
    expect(await runs.latestWeights(designId)).toBeNull();
    await runs.keepWeights(designId, { jobId: 'j1', task: 'copy', steps: 10 }, Uint8Array.from([1, 2, 3]));
    const later = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);
    await runs.keepWeights(designId, { jobId: 'j2', task: 'reverse', steps: 20 }, later);
    const kept = await new RunStore(db).latestWeights(designId);
    expect(kept).toMatchObject({ jobId: 'j2', task: 'reverse', steps: 20 });
    expect(kept!.weights).toEqual(later);
    expect(await db.designWeights.count()).toBe(1);
  });
});
