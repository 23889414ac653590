import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateDocument } from '../../lib/design/index.ts';
import type { JobEvent } from './job-runner.ts';
import { QueuedJobRunner } from './queued-runner.ts';

/** Three instances' runners on one Redis (a database of their own), with no worker: jobs stay queued. */
describe('queued jobs across instances (Redis, no worker)', () => {
  const runners: QueuedJobRunner[] = [];
  const heard: JobEvent[][] = [];
  let redisUrl: string;

  beforeAll(async () => {
    const u = new URL(process.env.TEST_REDIS_URL!);
    u.pathname = '/8';
    redisUrl = u.toString();
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    await redis.flushDb();
    await redis.quit();
    for (let i = 0; i < 3; i++) {
      const runner = await QueuedJobRunner.start({ redisUrl });
      const events: JobEvent[] = [];
      runner.subscribe((e) => events.push(e));
      runners.push(runner);
      heard.push(events);
    }
  });
  afterAll(() => Promise.allSettled(runners.map((r) => r.close())));

  const template = templateDocument('tiny-transformer');
  const run = (id: string) => ({ id, designId: 'd1', kind: 'run', payload: { document: template.ok ? template.doc : null, seed: 1 }, requestedBy: 'g_ada' });

  it('a waiting job cancelled on another instance than the one that accepted it: every instance lists it until then, its end is told once', async () => {
    expect(await runners[0].submit(run('j1'))).toEqual({ ok: true });
    for (const r of runners) expect((await r.jobsOf('d1')).map((s) => [s.job.id, s.state])).toEqual([['j1', 'queued']]);
    expect(await runners[1].cancel('j1', 'g_bob')).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const ends = heard.flat().filter((e) => e.job.id === 'j1' && e.type !== 'queued');
    expect(ends).toEqual([{ type: 'cancelled', job: { id: 'j1', designId: 'd1', kind: 'run', requestedBy: 'g_ada' }, by: 'g_bob' }]);
    for (const r of runners) expect(await r.jobsOf('d1')).toEqual([]);
    expect(await runners[2].cancel('j1', 'g_bob')).toBe(false);
  });
});
