/**
 * One server instance of a scale-out test, in its own process (forked with
 * `node --import tsx`): the real Realtime binding, design access, worker pool
 * and run store over a plain http server on loopback (no Next.js), against the
 * shared database (DATABASE_URL) and Redis (REDIS_URL). Reports its port over
 * IPC; exits when told, when the parent goes away, or after INSTANCE_MAX_MS.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Accounts } from '../access/accounts.ts';
import { DesignAccess } from '../access/design-access.ts';
import { People } from '../access/people.ts';
import { createDb } from '../db.ts';
import { DesignStore } from '../design-store.ts';
import { GuestIdentities } from '../identity.ts';
import { QueuedJobRunner } from '../jobs/queued-runner.ts';
import { Realtime } from '../realtime.ts';
import { RunStore } from '../run-store.ts';
import { RedisCluster } from './redis-cluster.ts';

export type InstanceMessage = { type: 'ready'; port: number } | { type: 'failed'; message: string } | { type: 'armed' };
/** From the test: exit now, or die (SIGKILL) the moment the op sent under `clientOpId` is stored, before anyone hears of it. */
export type InstanceCommand = { type: 'exit' } | { type: 'crash-after-storing'; clientOpId: string };

async function main(): Promise<void> {
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, SESSION_SECRET: secret } = process.env;
  if (!process.send || !databaseUrl || !redisUrl || !secret) {
    throw new Error('cluster-instance.ts runs as a child process with DATABASE_URL, REDIS_URL and SESSION_SECRET');
  }
  const maxMs = Number(process.env.INSTANCE_MAX_MS ?? '300000');
  setTimeout(() => process.exit(2), maxMs).unref();

  const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const db = createDb(databaseUrl);
  const store = new DesignStore(db, { url: databaseUrl });
  let crashAfter: string | null = null;
  const append = store.appendRebased.bind(store);
  store.appendRebased = async (request) => {
    const stored = await append(request);
    if (stored && crashAfter !== null && request.clientOpId === crashAfter) process.kill(process.pid, 'SIGKILL');
    return stored;
  };
  const jobs = await QueuedJobRunner.start({ redisUrl, log });
  const cluster = await RedisCluster.connect(redisUrl, log);
  const http = createServer();
  const people = new People(new GuestIdentities(secret), new Accounts(db));
  const realtime = new Realtime(http, store, people, new DesignAccess(db), log, jobs, new RunStore(db), null, cluster);
  await new Promise<void>((resolve) => http.listen(Number(process.env.PORT ?? '0'), '127.0.0.1', resolve));

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(0), 5000).unref();
    await jobs.close();
    await realtime.close();
    await cluster.close();
    await store.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.on('message', (raw) => {
    const msg = raw as InstanceCommand;
    if (msg.type === 'exit') void shutdown();
    if (msg.type === 'crash-after-storing') {
      crashAfter = msg.clientOpId;
      process.send?.({ type: 'armed' } satisfies InstanceMessage);
    }
  });
  process.on('disconnect', () => void shutdown());
  process.send({ type: 'ready', port: (http.address() as AddressInfo).port } satisfies InstanceMessage);
}

main().catch((err: unknown) => {
  process.send?.({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies InstanceMessage);
  setTimeout(() => process.exit(1), 500).unref();
});
