import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobEventMessage } from '../lib/protocol/messages.ts';
import type { Db } from './db.ts';
import { DesignStore } from './design-store.ts';
import type { JobEvent, JobRunner } from './jobs/index.ts';
import { createLogger } from './logger.ts';
import { RoomJobs } from './room-jobs.ts';
import { RunStore } from './run-store.ts';
import { createTestDatabase, TEST_PROVIDERS } from './test-database.ts';

/** A job runner that only hands events to its listener. */
function fakeRunner(): JobRunner & { emit(event: JobEvent): void } {
  let listener: ((event: JobEvent) => void) | null = null;
  return {
    submit: async () => ({ ok: true }),
    cancel: async () => false,
    jobsOf: async () => [],
    subscribe: (l: (event: JobEvent) => void) => {
      listener = l;
      return () => (listener = null);
    },
    emit: (event: JobEvent) => listener?.(event),
  } as unknown as JobRunner & { emit(event: JobEvent): void };
}

describe.each(TEST_PROVIDERS)('RoomJobs and trained weights (%s)', (provider) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let designId: string;

  beforeEach(async () => {
    ({ db, dispose } = await createTestDatabase(provider));
    designId = (await new DesignStore(db).create({ id: 'g_ada0000000', name: 'Ada' })).id;
  });
  afterEach(() => dispose());

  it("keeps a training's weights for the export and tells the room the result without them", async () => {
    const runner = fakeRunner();
    const runs = new RunStore(db);
    const told: JobEventMessage[] = [];
    new RoomJobs(runner, runs, (_, msg) => told.push(msg), createLogger('silent'));
    const weights = Uint8Array.from([9, 8, 7]);
    runner.emit({ type: 'result', job: { id: 'j1', designId, kind: 'train', requestedBy: 'g_ada0000000' }, result: { task: 'copy', steps: 12, weights } });
    await expect.poll(() => runs.latestWeights(designId)).toMatchObject({ jobId: 'j1', task: 'copy', steps: 12, weights });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ type: 'result', result: { task: 'copy', steps: 12 } });
    expect('weights' in (told[0] as { result: object }).result).toBe(false);
    await expect.poll(async () => ((await runs.get(designId, 'j1')) as { result: object } | null)?.result).toEqual({ task: 'copy', steps: 12 });
  });
});
