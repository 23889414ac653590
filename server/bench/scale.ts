/**
 * `npm run bench -- --scale`: the load run three times in one go, first against
 * one process (SQLite, as `npm run bench -- load`), then against two instances on
 * one PostgreSQL database and one Redis with jobs on a worker process — each
 * room on one instance (a balancer hashing the design id), then each room's
 * clients alternating between the instances (every neighbour's edit may race) —
 * and the figures side by side. Uses TEST_POSTGRES_URL / TEST_REDIS_URL when set, else
 * starts a private PostgreSQL and Redis on loopback (.ci/start-*.sh) for the
 * run. Short by default (4 rooms × 10 clients, 10 s): LOAD_* lengthen it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmptyDatabase, migrationScripts, runScripts } from '../test-database.ts';
import { loadConfig, machineCpuLine, renderLoad, runLoad, type LoadOutcome } from './load.ts';
import type { BenchPart, Section } from './section.ts';
import { fmt, renderTable } from './table.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..');

/** A PostgreSQL server and a Redis for the run, and how to stop what was started for it. */
function services(): { postgres: string; redis: string; stop: () => void } {
  const stops: Array<() => void> = [];
  const script = (name: string, ...args: string[]) => execFileSync(path.join(REPO, '.ci', name), args, { encoding: 'utf8' }).trim();
  const port = () => String(20_000 + Math.floor(Math.random() * 20_000));
  let postgres = process.env.TEST_POSTGRES_URL;
  if (!postgres) {
    const dir = mkdtempSync(path.join(tmpdir(), 'multihead-bench-pg-'));
    postgres = script('start-postgres.sh', dir, port());
    stops.push(() => script('stop-postgres.sh', dir));
  }
  let redis = process.env.TEST_REDIS_URL;
  if (!redis) {
    const dir = mkdtempSync(path.join(tmpdir(), 'multihead-bench-redis-'));
    redis = script('start-redis.sh', dir, port());
    stops.push(() => script('stop-redis.sh', dir));
  }
  return { postgres, redis, stop: () => stops.forEach((s) => s()) };
}

const ms = (v: number) => (Number.isFinite(v) ? `${fmt(v)} ms` : 'n/a');

function comparison(runs: Array<[string, LoadOutcome]>): string {
  const row = (label: string, f: (o: LoadOutcome) => string) => [label, ...runs.map(([, o]) => f(o))];
  return renderTable(
    [{ header: 'measure', align: 'left' }, ...runs.map(([header]) => ({ header, align: 'left' as const }))],
    [
      row('ops accepted', (o) => `${fmt(o.report.acceptedInWindow / (o.windowMs / 1000))}/s`),
      row('edit latency p50 / p99', (o) => `${ms(o.report.editLatency.p50)} / ${ms(o.report.editLatency.p99)}`),
      row('lost ops', (o) => String(o.report.lostOps)),
      row('reordered ops (out of order, gaps)', (o) => `${o.report.outOfOrder + o.report.gaps} (${o.report.outOfOrder}, ${o.report.gaps})`),
      row('ops received twice', (o) => String(o.report.duplicates)),
      row('acks refused', (o) => String(Object.values(o.report.refused).reduce((a, b) => a + b, 0))),
      row('acks never answered', (o) => String(o.report.unanswered)),
      row('machine CPU in the window (% of a core)', (o) => machineCpuLine(o.machineCpu)),
    ],
  );
}

export const scalePart: BenchPart = {
  name: 'scale-out',
  title: 'Live collaboration under load: one process against two instances',
  async measureOurs() {
    const config = loadConfig(true);
    const progress = (line: string) => process.stderr.write(`\n  scale: ${line}`);
    const single = await runLoad(config, progress);
    const svc = services();
    const scaled: Array<[string, LoadOutcome]> = [];
    try {
      for (const routing of ['design', 'alternate'] as const) {
        const database = await createEmptyDatabase('postgresql', svc.postgres);
        try {
          await runScripts('postgresql', database.url, migrationScripts('postgresql'));
          progress(`two instances, ${routing === 'design' ? 'each room on one of them' : 'each room’s clients alternating'}`);
          const outcome = await runLoad(config, progress, { instances: 2, routing, databaseUrl: database.url, redisUrl: svc.redis });
          scaled.push([routing === 'design' ? 'two instances, room on one' : 'two instances, clients alternate', outcome]);
        } finally {
          await database.drop();
        }
      }
    } finally {
      svc.stop();
    }
    process.stderr.write('\n');
    return async () =>
      [
        `  ${config.rooms} rooms × ${config.clientsPerRoom} clients, an op every ${fmt(config.opIntervalMs / 1000)} s each, ${config.seconds} s measured, the same run three times;`,
        '  two instances on PostgreSQL + Redis, jobs on one `npm run worker` process; server figures of the first instance.',
        '  "room on one": each room\u2019s clients on one instance, rooms split between them (a balancer hashing the design id);',
        '  "clients alternate": each room\u2019s clients in turn on either instance, so neighbours\u2019 edits race in the database.',
        comparison([['one process (SQLite)', single], ...scaled]),
        '\n  One process:',
        renderLoad(single),
        ...scaled.flatMap(([label, outcome]) => [`\n  ${label[0].toUpperCase()}${label.slice(1)}:`, renderLoad(outcome)]),
      ].join('\n');
  },
};

export const scaleSection: Section = {
  name: 'scale',
  title: 'Scale-out',
  explicit: true,
  parts: [scalePart],
};
