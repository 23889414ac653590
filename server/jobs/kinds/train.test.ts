import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateDocument } from '../../../lib/design/index.ts';
import type { TrainProgress, TrainResult } from '../../../lib/protocol/messages.ts';
import type { JobEvent } from '../job-runner.ts';
import { compileDesign } from '../../../lib/compile/index.ts';
import { encodeModelWeights, loadModelWeights } from '../../../lib/export/index.ts';
import { PoolRecorder } from '../testing/pool-recorder.ts';
import type { TrainResultWithWeights } from './train.ts';
import { WorkerPool } from '../worker-pool.ts';

function template(name: string) {
  const found = templateDocument(name);
  if (!found.ok) throw new Error(found.message);
  return found.doc;
}

const progressOf = (events: JobEvent[], id: string) =>
  events.flatMap((e) => (e.job.id === id && e.type === 'progress' ? [e.progress as TrainProgress] : []));

describe('train jobs on the real job kinds', () => {
  let pool: WorkerPool;
  let events: PoolRecorder;
  beforeAll(async () => {
    // Two workers, so that one test's long job never delays another's.
    pool = await WorkerPool.start({ workers: 2, limits: { maxParams: 200_000, maxSteps: 1_000 }, progressIntervalMs: 20, cancelGraceMs: 5_000 });
    events = new PoolRecorder(pool);
  });
  afterAll(() => pool.close());

  it('trains the tiny forecaster in a worker: progress in order, evaluations every tenth, the whole curve in the result', async () => {
    const payload = { document: template('tiny-series-forecaster'), task: 'sine-forecasting', steps: 40, learningRate: 3e-3, seed: 3 };
    expect(await pool.submit({ id: 't1', designId: 'A', kind: 'train', payload, requestedBy: 'ada' })).toEqual({ ok: true });
    const ended = await events.ended('t1', 30_000);
    expect(ended.type).toBe('result');
    const result = (ended as Extract<JobEvent, { type: 'result' }>).result as TrainResult;

    const progress = progressOf(events.events, 't1');
    expect(progress.length).toBeGreaterThan(0);
    const steps = progress.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
    expect(progress.at(-1)).toMatchObject({ step: 40, totalSteps: 40, etaMs: 0 });
    for (const p of progress) {
      expect(p.lossCurve.at(-1)).toEqual({ step: p.step, loss: p.loss });
      expect(p.etaMs).toBeGreaterThanOrEqual(0);
    }

    expect(result).toMatchObject({ task: 'sine-forecasting', framing: 'same-length', steps: 40, totalSteps: 40, diverged: null });
    expect(result.settings).toMatchObject({ learningRate: 3e-3, seed: 3, batchSize: 32, optimizer: 'adam', clipNorm: 1 });
    expect(result.lossCurve.map((p) => p.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(result.evaluations.map((e) => e.step)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40]);
    expect(result.finalMetrics).toEqual(result.evaluations.at(-1)!.metrics);
    expect(result.finalMetrics[0].value).toBeLessThan(result.evaluations[0].metrics[0].value);
    // The trained weights come back (for the PyTorch export): they load into the design and are not its initial ones.
    const { weights } = result as TrainResultWithWeights;
    const trained = compileDesign(payload.document, { seed: 3 });
    if (!trained.ok) throw new Error(trained.message);
    const initial = encodeModelWeights(trained.model);
    loadModelWeights(trained.model, weights!);
    expect(encodeModelWeights(trained.model)).not.toEqual(initial);
    expect(result.samples).toHaveLength(3);
    expect(events.endedOnce()).toBe(true);
  });

  it('stops a running train job promptly when cancelled', async () => {
    const payload = { document: template('tiny-transformer'), task: 'copy', steps: 1_000, learningRate: 1e-3, seed: 0 };
    await pool.submit({ id: 't2', designId: 'B', kind: 'train', payload, requestedBy: 'ada' });
    await events.next((e) => e.job.id === 't2' && e.type === 'progress', 30_000, 'progress of t2');
    const asked = performance.now();
    expect(await pool.cancel('t2', 'grace')).toBe(true);
    const ended = await events.ended('t2', 10_000);
    // Well inside the grace period: the handler noticed between steps, the thread was not terminated.
    expect(performance.now() - asked).toBeLessThan(1_500);
    expect(ended).toMatchObject({ type: 'cancelled', by: 'grace' });
    const last = progressOf(events.events, 't2').at(-1)!;
    expect(last.step).toBeLessThan(1_000);
  });

  it('fails a design that does not fit the task with what to change, and refuses too many steps before queueing', async () => {
    const payload = { document: template('tiny-series-forecaster'), task: 'copy', steps: 10 };
    await pool.submit({ id: 't3', designId: 'C', kind: 'train', payload, requestedBy: 'ada' });
    expect(await events.ended('t3', 15_000)).toMatchObject({
      type: 'failed',
      error: { code: 'task-mismatch', message: expect.stringContaining('Replace the Series input with a Token input') },
    });
    expect(await pool.submit({ id: 't4', designId: 'C', kind: 'train', payload: { ...payload, steps: 1_001 }, requestedBy: 'ada' })).toMatchObject({
      ok: false,
      code: 'bad-payload',
      message: expect.stringContaining('at most 1000 steps'),
    });
  });

  it('fails a design over the server’s parameter cap', async () => {
    const payload = { document: template('tiny-decoder-language-model'), task: 'char-language-model', steps: 10 };
    const small = await WorkerPool.start({ workers: 1, limits: { maxParams: 10_000 } });
    const recorder = new PoolRecorder(small);
    try {
      await small.submit({ id: 't5', designId: 'D', kind: 'train', payload, requestedBy: 'ada' });
      expect(await recorder.ended('t5', 15_000)).toMatchObject({ type: 'failed', error: { code: 'too-large' } });
    } finally {
      await small.close();
    }
  });
});
