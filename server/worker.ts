/**
 * `npm run worker`: a job worker for several server instances. Takes runs,
 * training and every other job kind from the BullMQ queue on REDIS_URL and runs
 * them in this machine's worker threads (the same pool, kinds and caps as a
 * single server: JOB_* variables); progress and results go back through Redis
 * to the instance that accepted the job. Cancels arrive on a Redis channel.
 */
import { UnrecoverableError, Worker, createNodeRedisClient, type Job } from 'bullmq';
import { createClient } from 'redis';
import { z } from 'zod';
import { createLogger } from './logger.ts';
import { JobsEnvSchema, jobPoolSettingsFromEnv } from './jobs/pool-settings.ts';
import { WorkerPool } from './jobs/index.ts';
import type { JobEvent } from './jobs/job-runner.ts';
import { CANCEL_CHANNEL, JOB_QUEUE, lockMs, cancelKey, type QueuedJobData, type QueuedJobOutcome } from './jobs/queued-runner.ts';
import { decodeJobValue, encodeJobValue } from './jobs/queue-codec.ts';
import { handleShutdown } from './shutdown.ts';

const Env = z
  .object({
    REDIS_URL: z.string().refine((v) => URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol), 'must be a redis:// URL'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .extend(JobsEnvSchema.shape);
const CancelMessage = z.object({ jobId: z.string(), by: z.string(), removed: z.boolean().optional() });

async function main(): Promise<void> {
  const present = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    process.stderr.write(`multihead worker: invalid ${String(issue.path[0])}: ${issue.message}\n`);
    process.exit(1);
  }
  const env = parsed.data;
  const log = createLogger(env.LOG_LEVEL).child({ component: 'worker' });
  const settings = jobPoolSettingsFromEnv(env);
  const pool = await WorkerPool.start({ ...settings, log });
  const redis = () => createClient({ url: env.REDIS_URL, RESP: 2 });
  const keys = redis();
  const cancels = redis();
  for (const c of [keys, cancels]) c.on('error', (err: unknown) => log.error({ err }, 'redis connection failed'));
  await Promise.all([keys.connect(), cancels.connect()]);

  // Each pool event settles the BullMQ job it belongs to.
  const waiting = new Map<string, { job: Job<QueuedJobData>; settle: (event: JobEvent) => void }>();
  pool.subscribe((event) => {
    const w = waiting.get(event.job.id);
    if (!w) return;
    if (event.type === 'progress') void w.job.updateProgress(encodeJobValue(event.progress) as object).catch(() => undefined);
    else if (event.type === 'result' || event.type === 'failed' || event.type === 'cancelled') w.settle(event);
  });
  await cancels.subscribe(CANCEL_CHANNEL, (raw) => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return log.warn('a cancel message that is not JSON');
    }
    const msg = CancelMessage.safeParse(json);
    if (msg.success && !msg.data.removed && waiting.has(msg.data.jobId)) void pool.cancel(msg.data.jobId, msg.data.by);
  });

  const process_ = async (job: Job<QueuedJobData>): Promise<QueuedJobOutcome> => {
    const id = job.id!;
    const cancelledBy = await keys.get(cancelKey(id));
    if (cancelledBy) return { cancelled: cancelledBy };
    const ended = new Promise<JobEvent>((resolve) => waiting.set(id, { job, settle: resolve }));
    try {
      // A retried job (its first worker died) may still be known to nobody here: a fresh pool job.
      const outcome = await pool.submit({ id, designId: job.data.designId, kind: job.data.kind, payload: decodeJobValue(job.data.payload), requestedBy: job.data.requestedBy });
      if (!outcome.ok) throw new UnrecoverableError(JSON.stringify({ code: outcome.code, message: outcome.message }));
      // Cancelled between the check above and the pool taking it.
      const lateCancel = await keys.get(cancelKey(id));
      if (lateCancel) void pool.cancel(id, lateCancel);
      const event = await ended;
      if (event.type === 'result') return { result: encodeJobValue(event.result) };
      if (event.type === 'cancelled') return { cancelled: event.by };
      if (event.type === 'failed') throw new UnrecoverableError(JSON.stringify(event.error));
      throw new UnrecoverableError(JSON.stringify({ code: 'crashed', message: 'The job ended without a result.' }));
    } finally {
      waiting.delete(id);
    }
  };

  const worker = new Worker<QueuedJobData, QueuedJobOutcome>(JOB_QUEUE, process_, {
    connection: createNodeRedisClient(redis()),
    concurrency: pool.settings.workers,
    lockDuration: lockMs(),
    // A job whose worker died is noticed by another worker's check, put back once, then failed.
    stalledInterval: Math.round(lockMs() / 2),
    maxStalledCount: 1,
  });
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  await worker.waitUntilReady();
  log.info({ workers: pool.settings.workers, queue: JOB_QUEUE }, 'worker ready');
  process.stdout.write(`Multihead worker ready: ${pool.settings.workers} job thread(s) on ${JOB_QUEUE}\n`);
  process.send?.({ type: 'ready' });

  handleShutdown(
    async () => {
      await worker.close();
      await pool.close();
      await Promise.allSettled([keys.quit(), cancels.quit()]);
    },
    log,
    10_000,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`multihead worker: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
