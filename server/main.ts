import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { parseConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createDb } from './db.ts';
import { DesignHistory } from './design-history.ts';
import { DesignStore } from './design-store.ts';
import { RunStore } from './run-store.ts';
import { GUEST_COOKIE, GuestIdentities, readCookie } from './identity.ts';
import { loadSessionSecret } from './session-secret.ts';
import { Realtime } from './realtime.ts';
import { OriginPolicy } from './origin-check.ts';
import { guardRequest } from './request-guard.ts';
import { securityHeaders } from './security-headers.ts';
import { Accounts } from './access/accounts.ts';
import { DesignAccess } from './access/design-access.ts';
import { People } from './access/people.ts';
import { provideServices } from './services.ts';
import { handleShutdown } from './shutdown.ts';
import { WorkerPool, type JobRunner } from './jobs/index.ts';
import { QueuedJobRunner } from './jobs/queued-runner.ts';
import { RedisCluster } from './cluster/redis-cluster.ts';
import { createAssignments } from './assignments/index.ts';
import { WorkshopLive } from './workshops/workshop-live.ts';
import { WorkshopStore } from './workshops/workshop-store.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`multihead: ${parsed.message}\n`);
    process.exit(1);
  }
  const config = parsed.config;
  const log = createLogger(config.logLevel);
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

  const db = createDb(config.databaseUrl);
  const designs = new DesignStore(db, { url: config.databaseUrl });
  const identities = new GuestIdentities(loadSessionSecret(config.sessionSecret, path.resolve(config.dataDir, 'session-secret')));

  // With Redis, jobs go to the shared queue and `npm run worker` processes run them; otherwise this process's threads do.
  const jobs: JobRunner = config.redisUrl
    ? await QueuedJobRunner.start({ redisUrl: config.redisUrl, settings: config.jobs, log: log.child({ component: 'jobs' }) })
    : await WorkerPool.start({ ...config.jobs, log: log.child({ component: 'jobs' }) });

  const app = next({ dev: config.dev, dir: root, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  const origins = new OriginPolicy(config.publicOrigin);
  const headers = securityHeaders(config.dev);
  const http = createServer((req, res) => {
    if (!guardRequest(req, res, origins, headers)) return;
    // Everyone who opens the app gets a guest identity (name and colour) that sticks;
    // build assets are cached and shared, so they never carry one.
    if (!req.url?.startsWith('/_next/') && !identities.decode(readCookie(req.headers.cookie, GUEST_COOKIE))) {
      const guest = identities.newGuest();
      res.appendHeader('Set-Cookie', identities.setCookie(guest, false));
      // Let this very request's handlers see it too.
      req.headers.cookie = [req.headers.cookie, `${GUEST_COOKIE}=${identities.encode(guest)}`].filter(Boolean).join('; ');
    }
    handle(req, res).catch((err: unknown) => {
      log.error({ err, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end('Internal error');
    });
  });
  const runs = new RunStore(db);
  const accounts = new Accounts(db);
  const people = new People(identities, accounts);
  const access = new DesignAccess(db);
  const cluster = config.redisUrl ? await RedisCluster.connect(config.redisUrl, log.child({ component: 'cluster' })) : null;
  const realtime = new Realtime(http, designs, people, access, log, jobs, runs, origins, cluster);
  const workshops = new WorkshopStore(db, designs, access);
  const workshopLive = new WorkshopLive(realtime, workshops, people, log.child({ component: 'workshops' }), cluster !== null);
  await workshopLive.start();
  http.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket.io')) void upgrade(req, socket, head);
  });

  const assignments = createAssignments(db, designs, jobs, log.child({ component: 'assignments' }));
  provideServices({ config, db, designs, history: new DesignHistory(designs), runs, realtime, identities, people, accounts, access, jobs, workshops, workshopLive, assignments, log, version });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, resolve);
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, dev: config.dev, version }, 'listening');
  process.stdout.write(`Multihead is running at http://localhost:${port}\n`);

  handleShutdown(
    async () => {
      await jobs.close(); // first, so the rooms still hear that their jobs were cancelled
      await realtime.close(); // also closes the HTTP server
      await cluster?.close();
      await app.close();
      await designs.close();
      await db.$disconnect();
    },
    log,
    config.shutdownTimeoutMs,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`multihead: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
