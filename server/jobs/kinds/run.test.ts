import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../lib/compile/index.ts';
import { templateDocument } from '../../../lib/design/index.ts';
import type { JobEvent } from '../job-runner.ts';
import { PoolRecorder } from '../testing/pool-recorder.ts';
import { WorkerPool } from '../worker-pool.ts';

function template(name: string) {
  const found = templateDocument(name);
  if (!found.ok) throw new Error(found.message);
  return found.doc;
}

describe('run jobs on the real job kinds', () => {
  let pool: WorkerPool;
  let events: PoolRecorder;
  beforeAll(async () => {
    // The server's own kinds module (the default), with a parameter cap the tiny template fits under.
    pool = await WorkerPool.start({ workers: 1, limits: { maxParams: 200_000 } });
    events = new PoolRecorder(pool);
  });
  afterAll(() => pool.close());

  it('runs a tiny template in a worker and returns attention maps and positional encodings', async () => {
    const doc = template('tiny-transformer');
    expect(await pool.submit({ id: 'r1', designId: 'D', kind: 'run', payload: { document: doc, seed: 7 }, requestedBy: 'ada' })).toEqual({ ok: true });
    const ended = await events.ended('r1', 15_000);
    expect(ended.type).toBe('result');
    const result = (ended as Extract<JobEvent, { type: 'result' }>).result as RunResult;
    expect(result.seed).toBe(7);
    expect(result.params).toBeGreaterThan(0);
    expect(result.attention.length).toBeGreaterThan(0);
    for (const map of result.attention) {
      expect(map.weights).toHaveLength(map.heads);
      for (const row of map.weights[0]) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(result.positionalEncodings.length).toBeGreaterThan(0);
  });

  it('fails a design over the server’s parameter cap with the compiler’s reason', async () => {
    const doc = template('encoder-classifier'); // millions of parameters
    await pool.submit({ id: 'r2', designId: 'D', kind: 'run', payload: { document: doc }, requestedBy: 'ada' });
    expect(await events.ended('r2', 15_000)).toMatchObject({ type: 'failed', error: { code: 'too-large' } });
  });

  it('refuses a payload that is not a design, and a kind the server does not run', async () => {
    expect(await pool.submit({ id: 'r3', designId: 'D', kind: 'run', payload: { document: { nodes: 'many' } }, requestedBy: 'ada' })).toMatchObject({
      ok: false,
      code: 'bad-payload',
    });
    expect(await pool.submit({ id: 'r4', designId: 'D', kind: 'mine-coins', payload: {}, requestedBy: 'ada' })).toMatchObject({
      ok: false,
      code: 'unknown-kind',
    });
    // 'train' is registered: an empty payload is refused for what it lacks, not for its kind.
    expect(await pool.submit({ id: 'r5', designId: 'D', kind: 'train', payload: {}, requestedBy: 'ada' })).toMatchObject({
      ok: false,
      code: 'bad-payload',
    });
  });
});
