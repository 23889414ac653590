import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatDecoder } from '../../lib/grading/testing/graded-designs.ts';
import { DesignStore } from '../design-store.ts';
import { QueuedJobRunner } from '../jobs/queued-runner.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase, TEST_CLUSTER_PROVIDERS, type TestDatabase } from '../test-database.ts';
import { AssignmentService } from './assignment-service.ts';
import { AssignmentStore } from './assignment-store.ts';
import { GradeJobs } from './grade-jobs.ts';
import { secretSpec } from './testing/secret-spec.ts';
import { person, seedWorkshop } from './testing/workshop-fixture.ts';

const WORKER = fileURLToPath(new URL('../worker.ts', import.meta.url));
const LOCK_MS = '2000';
const instructor = person('g_teacher0009', 'Prof. Vaswani');
const ada = person('g_ada00000009', 'Ada');

/** A store that counts the gradings it records as done (each instance has its own). */
class CountingStore extends AssignmentStore {
  done: string[] = [];
  override async gradeDone(gradeId: string, result: Parameters<AssignmentStore['gradeDone']>[1], at: Date): Promise<void> {
    this.done.push(gradeId);
    await super.gradeDone(gradeId, result, at);
  }
}

/** The test's own Redis database, so the cluster test's instances (on database 0) never see these jobs. */
function ownRedisDatabase(url: string): string {
  const u = new URL(url);
  u.pathname = '/7';
  return u.toString();
}

describe.each(TEST_CLUSTER_PROVIDERS)('a grading whose instance is gone (%s and Redis)', (provider) => {
  let database: TestDatabase;
  let redisUrl: string;
  let worker: ChildProcess | undefined;
  const runners: QueuedJobRunner[] = [];
  const lockBefore = process.env.JOB_LOCK_MS;

  beforeAll(async () => {
    process.env.JOB_LOCK_MS = LOCK_MS;
    database = await createTestDatabase(provider);
    redisUrl = ownRedisDatabase(process.env.TEST_REDIS_URL!);
    // Nothing left over from an earlier run (its jobs would be orphans to take over).
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    await redis.flushDb();
    await redis.quit();
  }, 60_000);
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await Promise.allSettled(runners.map((r) => r.close()));
    await database?.dispose();
    if (lockBefore === undefined) delete process.env.JOB_LOCK_MS;
    else process.env.JOB_LOCK_MS = lockBefore;
  });

  async function instance(store: AssignmentStore): Promise<GradeJobs> {
    const runner = await QueuedJobRunner.start({ redisUrl });
    runners.push(runner);
    return new GradeJobs(runner, store, createLogger('silent'));
  }

  it('is taken over by one of the instances left, which stores its result once', async () => {
    const { db } = database;
    const designs = new DesignStore(db);
    const accepting = new AssignmentStore(db);
    const service = new AssignmentService(db, accepting, designs, await instance(accepting));
    const [left1, left2] = [new CountingStore(db), new CountingStore(db)];
    const gradings = [await instance(left1), await instance(left2)];
    const { workshopId } = await seedWorkshop(db, designs, instructor, [{ members: [ada], doc: flatDecoder({ causal: true }) }]);
    const made = await service.create(workshopId, instructor, secretSpec());
    if (!made.ok) throw new Error(made.message);

    // No worker yet: the grading waits in the queue when the instance that accepted it goes away.
    const submitted = await service.submit(workshopId, made.value.id, ada);
    if (!submitted.ok) throw new Error(submitted.message);
    const gradeId = submitted.value.grade!.id;
    await runners[0].close();

    worker = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, REDIS_URL: redisUrl, JOB_WORKERS: '1', JOB_LOCK_MS: LOCK_MS, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const grade = async () => db.grade.findUniqueOrThrow({ where: { id: gradeId } });
    for (const end = Date.now() + 60_000; (await grade()).status !== 'done' && (await grade()).status !== 'failed'; ) {
      if (Date.now() > end) throw new Error('the grading did not end');
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all(gradings.map((g) => g.settled()));
    expect(await grade()).toMatchObject({ status: 'done', earned: 12, total: 12 });
    // Exactly one of the two instances left recorded it.
    expect([...left1.done, ...left2.done]).toEqual([gradeId]);
  }, 90_000);
});
