import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { PoolRecorder } from './testing/pool-recorder.ts';
import { WorkerPool } from './worker-pool.ts';

// A behaviour check, not a benchmark: a job's CPU work happens off the event
// loop, so the main thread stays responsive while it runs.

const ms = (ns: number) => ns / 1e6;

function spinHere(durationMs: number): void {
  const end = performance.now() + durationMs;
  while (performance.now() < end) {
    // deliberately blocking
  }
}

describe('the event loop while a job runs', () => {
  let pool: WorkerPool | undefined;
  afterAll(() => pool?.close());

  it('notices blocking when it happens (the instrument works)', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await new Promise((resolve) => setTimeout(resolve, 20));
    spinHere(300);
    await new Promise((resolve) => setTimeout(resolve, 20));
    delay.disable();
    expect(ms(delay.max)).toBeGreaterThan(250);
  });

  it('stays responsive (p99 delay < 50 ms) during a CPU-bound second of work with progress', async () => {
    pool = await WorkerPool.start({ kindsModule: new URL('./testing/fixture-kinds.ts', import.meta.url), workers: 1 });
    const events = new PoolRecorder(pool);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    await pool.submit({ id: 'heavy', designId: 'A', kind: 'count-with-progress', payload: { steps: 100, stepMs: 10 }, requestedBy: 'ada' });
    await events.next((e) => e.type === 'started');
    delay.enable();
    const t0 = performance.now();
    expect(await events.ended('heavy')).toMatchObject({ type: 'result', result: { counted: 100 } });
    delay.disable();
    expect(performance.now() - t0).toBeGreaterThan(900); // the work really took its second
    expect(events.events.filter((e) => e.type === 'progress').length).toBeGreaterThan(5);
    expect(ms(delay.percentile(99))).toBeLessThan(50);
  });
});
