/**
 * How the job pool shares the machine: 1, 2, 4 and 8 training jobs of the
 * tiny encoder–decoder template on the reverse task, submitted at once for
 * different designs to a pool with the server's default settings. Prints how
 * many run at once and the steps/s each gets over the same window.
 */
import { templateDocument } from '../../lib/design/index.ts';
import type { TrainProgress } from '../../lib/protocol/messages.ts';
import { availableParallelism } from 'node:os';
import { defaultJobPoolSettings, JOBS_PER_CORE } from '../jobs/pool-settings.ts';
import { WorkerPool } from '../jobs/worker-pool.ts';
import type { JobEvent } from '../jobs/job-runner.ts';
import { median } from './measure.ts';
import type { BenchPart } from './section.ts';
import { fmt, renderTable } from './table.ts';

const COUNTS = [1, 2, 4, 8];
/** Measured after every job has started (and its thread has loaded). */
const WINDOW_MS = 6000;
const TEMPLATE = 'tiny-transformer';

interface ConcurrencyRow {
  submitted: number;
  runningAtOnce: number;
  stepsPerSecond: number[];
}

async function measure(pool: WorkerPool, count: number, round: number): Promise<ConcurrencyRow> {
  const found = templateDocument(TEMPLATE);
  if (!found.ok) throw new Error(found.message);
  const latest = new Map<string, number>();
  let running = 0;
  let runningAtOnce = 0;
  const started = new Set<string>();
  const unsubscribe = pool.subscribe((event: JobEvent) => {
    if (!event.job.id.startsWith(`r${round}-`)) return;
    if (event.type === 'started') {
      started.add(event.job.id);
      runningAtOnce = Math.max(runningAtOnce, ++running);
    } else if (event.type === 'progress') {
      latest.set(event.job.id, (event.progress as TrainProgress).step);
    } else if (event.type === 'result' || event.type === 'failed' || event.type === 'cancelled') {
      running--;
    }
  });
  const ids = Array.from({ length: count }, (_, i) => `r${round}-${i}`);
  for (const id of ids) {
    const payload = { document: found.doc, task: 'reverse', steps: pool.settings.limits.maxSteps, seed: 1 };
    const outcome = await pool.submit({ id, designId: `design-${id}`, kind: 'train', payload, requestedBy: 'bench' });
    if (!outcome.ok) throw new Error(`job refused: ${outcome.message}`);
  }
  // Wait until each job has reported a step (its thread loaded, its model built), then measure a window.
  const deadline = Date.now() + 60_000;
  while (ids.some((id) => !latest.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const before = new Map(ids.map((id) => [id, latest.get(id) ?? 0]));
  await new Promise((r) => setTimeout(r, WINDOW_MS));
  const stepsPerSecond = ids.map((id) => ((latest.get(id) ?? 0) - (before.get(id) ?? 0)) / (WINDOW_MS / 1000));
  for (const id of ids) await pool.cancel(id, 'bench');
  while (running > 0) await new Promise((r) => setTimeout(r, 20));
  unsubscribe();
  return { submitted: count, runningAtOnce, stepsPerSecond };
}

export const concurrentJobsPart: BenchPart = {
  name: 'jobs',
  title: `Concurrent training jobs (template '${TEMPLATE}', reverse task) on the server's default pool`,
  async measureOurs() {
    const settings = defaultJobPoolSettings();
    const pool = await WorkerPool.start({ workers: settings.workers, warmWorkers: settings.warmWorkers });
    const rows: ConcurrencyRow[] = [];
    try {
      for (const [round, count] of COUNTS.entries()) rows.push(await measure(pool, count, round));
    } finally {
      await pool.close();
    }
    return async () => {
      const table = renderTable(
        [
          { header: 'jobs submitted' },
          { header: 'running at once' },
          { header: 'steps/s each: min' },
          { header: 'median' },
          { header: 'max' },
          { header: 'all jobs' },
          { header: 'fairness (min/max)' },
        ],
        rows.map((r) => {
          const min = Math.min(...r.stepsPerSecond);
          const max = Math.max(...r.stepsPerSecond);
          const total = r.stepsPerSecond.reduce((s, v) => s + v, 0);
          return [`${r.submitted}`, `${r.runningAtOnce}`, fmt(min), fmt(median(r.stepsPerSecond)), fmt(max), `${fmt(total)} steps/s`, max > 0 ? fmt(min / max) : 'n/a'];
        }),
      );
      return [
        table,
        `  pool: up to ${settings.workers} jobs at once (${JOBS_PER_CORE} per core × ${availableParallelism()} cores), ${settings.warmWorkers} thread(s) warm at start, job threads at priority '${settings.threadPriority}'; steps counted over ${WINDOW_MS / 1000} s once every job runs`,
      ].join('\n');
    };
  },
};
