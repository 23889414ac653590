/**
 * The "load" benchmark section: many rooms of socket.io clients editing at once
 * against the real server in another process (load-server.ts), with a job
 * running in a worker. Measures accepted ops/s, latency from a send to every
 * other client's receipt, lost and reordered ops, cursor traffic, and the
 * server's event-loop delay. The clients all live in this process, whose own
 * event-loop delay and CPU are reported so that a saturated client side is not
 * mistaken for a slow server.
 *
 * LOAD_SECONDS (default 60), LOAD_ROOMS (20), LOAD_CLIENTS (30 per room);
 * LOAD_OP_MS (2000 per client), LOAD_CURSOR_HZ (10; 0 = none), LOAD_JOB (1; 0 = no job, to tell its cost apart);
 * LOAD_QUICK=1 or `--quick`: 4 rooms × 10 clients for 10 s. LOAD_CPU_PROF=DIR: a CPU profile of the server.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { templateDocument } from '../../lib/design/index.ts';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type JobEventMessage,
  type JoinAnswer,
  type ServerToClientEvents,
  type StartJobAnswer,
  type SubmitAnswer,
} from '../../lib/protocol/messages.ts';
import { GUEST_COOKIE, GuestIdentities } from '../identity.ts';
import { delayStats, type DelayStats, type FromServer, type ToServer } from './load-ipc.ts';
import { LoadLedger, type LoadReport } from './load-stats.ts';
import type { BenchPart, Section } from './section.ts';
import { cpuByRole, cpuSnapshot } from './machine-cpu.ts';
import { fmt, renderTable } from './table.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Ready = Extract<FromServer, { type: 'ready' }>;
type Measured = Extract<FromServer, { type: 'measured' }>;

/** The targets from the issue. */
const TARGET_EDIT_P99_MS = 100;
const TARGET_DELAY_P99_MS = 50;
/** Above this, the client process (not the server) may be what the latencies measure. */
const CLIENT_DELAY_WARN_MS = 50;
const CLIENT_CPU_WARN = 0.9;

const CONNECT_BATCH = 25;
const CONNECT_TIMEOUT_MS = 20_000;
const DRAIN_TIMEOUT_MS = 20_000;
const DRAIN_STALL_MS = 5_000;
const IPC_TIMEOUT_MS = 60_000;
const MEASURED_TIMEOUT_MS = 120_000;
const SERVER_SCRIPT = path.join(import.meta.dirname, 'load-server.ts');
const REPO = path.resolve(import.meta.dirname, '..', '..');
/** A training job's step budget: enough to outlast the window; it is cancelled at the end. */
const TRAIN_STEPS = 20_000;

export interface LoadConfig {
  rooms: number;
  clientsPerRoom: number;
  seconds: number;
  /** Ops and cursors run this long before the measured window opens (JIT, first job). */
  warmupSeconds: number;
  /** Each client sends an op this often. */
  opIntervalMs: number;
  /** Cursor moves per second per client; 0 sends none. */
  cursorHz: number;
  /** Whether a job runs in a worker during the window (off only to tell its cost apart). */
  job: boolean;
}

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, not '${raw}'`);
  return n;
}

/** The run's shape from LOAD_*; `quick` makes the short run the default (as LOAD_QUICK=1 does). */
export function loadConfig(quick = process.env.LOAD_QUICK === '1' || process.argv.includes('--quick')): LoadConfig {
  const seconds = envInt('LOAD_SECONDS', quick ? 10 : 60);
  return {
    rooms: envInt('LOAD_ROOMS', quick ? 4 : 20),
    clientsPerRoom: envInt('LOAD_CLIENTS', quick ? 10 : 30),
    seconds,
    warmupSeconds: Math.min(5, Math.max(1, Math.round(seconds / 10))),
    opIntervalMs: envInt('LOAD_OP_MS', 2000, 50),
    cursorHz: envInt('LOAD_CURSOR_HZ', 10, 0),
    job: envInt('LOAD_JOB', 1, 0) !== 0,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The forked server and a way to wait for its next message of a type. */
class ServerProcess {
  private readonly waiting: Array<{ type: FromServer['type']; resolve: (m: FromServer) => void }> = [];
  private exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (raw) => {
      const msg = raw as FromServer;
      const i = this.waiting.findIndex((w) => w.type === msg.type || msg.type === 'failed');
      if (i >= 0) this.waiting.splice(i, 1)[0].resolve(msg);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static start(env: Record<string, string>): ServerProcess {
    const child = fork(SERVER_SCRIPT, [], {
      cwd: REPO,
      // LOAD_CPU_PROF=DIR writes a V8 CPU profile of the server process into DIR (open it in Chrome's DevTools).
      execArgv: ['--import', 'tsx', ...(process.env.LOAD_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`] : [])],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    return new ServerProcess(child);
  }

  async next<T extends FromServer['type']>(type: T, ms = IPC_TIMEOUT_MS): Promise<Extract<FromServer, { type: T }>> {
    const msg = await withTimeout(
      Promise.race([
        new Promise<FromServer>((resolve) => this.waiting.push({ type, resolve })),
        this.exited.then(() => {
          throw new Error(`the load server exited (code ${this.child.exitCode}) while we waited for '${type}'`);
        }),
      ]),
      ms,
      `load server '${type}'`,
    );
    if (msg.type === 'failed') throw new Error(`the load server failed: ${msg.message}`);
    return msg as Extract<FromServer, { type: T }>;
  }

  tell(msg: ToServer): void {
    if (this.child.connected) this.child.send(msg);
  }

  /** Asks it to exit; kills it if it has not within a few seconds. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.tell({ type: 'exit' });
    const done = await Promise.race([this.exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!done) {
      this.child.kill('SIGKILL');
      await Promise.race([this.exited, sleep(5_000)]);
    }
  }
}

interface BenchClient {
  room: number;
  index: number;
  socket: Client;
  /** Latest version this client knows of (its own acks and others' broadcasts). */
  version: number;
  seq: number;
  /** The phase timeouts and the intervals they start (Node clears both with clearTimeout). */
  timers: NodeJS.Timeout[];
}

interface JobDriverState {
  kind: string;
  note: string;
  started: number;
  finished: number;
  failed: number;
  /** Progress messages of the current jobs that reached the starting client. */
  progress: number;
  /** The training step the latest progress message reported (so a starved job shows). */
  lastStep: number;
  firstFailure: string;
}

export interface LoadOutcome {
  config: LoadConfig;
  joined: number;
  /** Disconnections while the run was on, by socket.io's reason. */
  disconnects: Record<string, number>;
  windowMs: number;
  report: LoadReport;
  drained: boolean;
  cursorSent: number;
  cursorReceived: number;
  /** Null when the server did not answer in time; then `serverNote` says why. */
  server: Measured | null;
  serverNote: string;
  jobs: JobDriverState;
  serverWorkers: number;
  clientDelay: DelayStats;
  clientCpuMs: number;
  /** Who used the machine's CPU in the window, in % of one core, most first. */
  machineCpu: Array<[string, number]>;
  /** The machine's 1-minute load average before the run and at the end of the window (other processes compete for the cores). */
  loadBefore: number;
  loadAfter: number;
}

/** Several instances on one PostgreSQL database and one Redis (`--scale`). */
export interface ScaleTarget {
  instances: number;
  /**
   * How each room's clients are spread over the instances: `design`, all on one instance (as a
   * balancer hashing the design id in the socket address does, README); `alternate`, in turn,
   * so that neighbours in a room sit on different instances and their edits race.
   */
  routing: 'design' | 'alternate';
  databaseUrl: string;
  redisUrl: string;
}

/**
 * One load run, start to finish; the server processes are always stopped. With `scale`, that
 * many instances share the database and Redis (jobs on a `npm run worker` process), and each
 * room's clients are spread over them as `scale.routing` says; the server figures are the first instance's.
 */
export async function runLoad(config: LoadConfig, progress: (line: string) => void = () => {}, scale?: ScaleTarget): Promise<LoadOutcome> {
  const loadBefore = os.loadavg()[0];
  const secret = randomBytes(32).toString('base64url');
  const identities = new GuestIdentities(secret);
  const maxMs = String((config.seconds + config.warmupSeconds + 240) * 1000);
  const env = { LOAD_SECRET: secret, LOAD_DESIGNS: String(config.rooms), LOAD_SERVER_MAX_MS: maxMs };
  const shared: Record<string, string> = scale ? { LOAD_DATABASE_URL: scale.databaseUrl, LOAD_REDIS_URL: scale.redisUrl } : {};
  const servers = [ServerProcess.start({ ...env, ...shared })];
  let worker: ChildProcess | null = null;
  const clients: BenchClient[] = [];
  try {
    const ready: Ready = await servers[0].next('ready');
    const urls = [`http://127.0.0.1:${ready.port}`];
    for (let i = 1; i < (scale?.instances ?? 1); i++) {
      const other = ServerProcess.start({ ...env, ...shared, LOAD_DESIGN_IDS: ready.designIds.join(',') });
      servers.push(other);
      urls.push(`http://127.0.0.1:${(await other.next('ready')).port}`);
    }
    if (scale) worker = await startWorker(scale.redisUrl);
    progress(`server${urls.length > 1 ? 's' : ''} on ${urls.join(', ')}, ${ready.designIds.length} designs, job kinds: ${ready.jobKinds.join(', ')}`);
    const instanceOf = (room: number, index: number) => urls[(scale?.routing === 'design' ? room : index) % urls.length];
    const roles = new Map<number, string>([[process.pid, 'clients']]);
    for (const s of servers) if (s.child.pid) roles.set(s.child.pid, servers.length > 1 ? 'servers' : 'server');
    if (worker?.pid) roles.set(worker.pid, 'worker');
    return { ...(await drive(config, ready, instanceOf, identities, servers, clients, progress, roles)), loadBefore };
  } finally {
    for (const c of clients) {
      for (const t of c.timers) clearTimeout(t);
      c.socket.disconnect();
    }
    await Promise.all(servers.map((s) => s.stop()));
    worker?.kill('SIGTERM');
  }
}

/** `npm run worker` for the scale-out run, one job thread. */
async function startWorker(redisUrl: string): Promise<ChildProcess> {
  const child = fork(path.join(REPO, 'server', 'worker.ts'), [], {
    cwd: REPO,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, REDIS_URL: redisUrl, JOB_WORKERS: '1', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await withTimeout(new Promise<void>((resolve) => child.once('message', () => resolve())), IPC_TIMEOUT_MS, 'worker ready');
  return child;
}

async function drive(
  config: LoadConfig,
  ready: Ready,
  /** The instance a room's client connects to. */
  instanceOf: (room: number, index: number) => string,
  identities: GuestIdentities,
  servers: ServerProcess[],
  clients: BenchClient[],
  progress: (line: string) => void,
  /** Processes whose CPU is shown by name (pid → role). */
  roles: Map<number, string>,
): Promise<Omit<LoadOutcome, 'loadBefore'>> {
  const template = templateDocument('tiny-transformer');
  if (!template.ok) throw new Error(template.message);
  const nodeIds = template.doc.nodes.map((n) => n.id);
  const ledger = new LoadLedger(config.rooms);
  const authorOf = new Map<string, number>(); // guest id → index in its room
  const disconnects: Record<string, number> = {};
  let counting = false;
  let sending = false;
  let cursorSent = 0;
  let cursorReceived = 0;

  // Connect, in batches so the handshakes do not all land at once.
  for (let room = 0; room < config.rooms; room++) {
    for (let index = 0; index < config.clientsPerRoom; index++) {
      const guest = identities.newGuest();
      authorOf.set(guest.id, index);
      const socket: Client = connect(instanceOf(room, index), {
        path: '/socket.io',
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: CONNECT_TIMEOUT_MS,
        extraHeaders: { cookie: `${GUEST_COOKIE}=${identities.encode(guest)}` },
      });
      const client: BenchClient = { room, index, socket, version: 0, seq: 0, timers: [] };
      socket.on('op:applied', (msg) => {
        const at = performance.now();
        ledger.receive(room, index, msg.version, at, authorOf.get(msg.author.id) ?? -1);
        if (msg.version > client.version) client.version = msg.version;
      });
      socket.on('presence:cursors', ({ cursors }) => {
        // Batched per room; a batch also carries this client's own cursor, which is not a delivery.
        if (counting) cursorReceived += cursors.filter((c) => c.id !== guest.id).length;
      });
      socket.on('disconnect', (reason) => {
        disconnects[reason] = (disconnects[reason] ?? 0) + 1;
      });
      clients.push(client);
    }
  }
  for (let i = 0; i < clients.length; i += CONNECT_BATCH) {
    await Promise.all(
      clients.slice(i, i + CONNECT_BATCH).map(({ socket }) =>
        withTimeout(
          new Promise<void>((resolve, reject) => {
            if (socket.connected) resolve();
            socket.once('connect', () => resolve());
            socket.once('connect_error', (err) => reject(err));
          }),
          CONNECT_TIMEOUT_MS,
          'connect',
        ),
      ),
    );
  }
  for (let i = 0; i < clients.length; i += CONNECT_BATCH) {
    await Promise.all(
      clients.slice(i, i + CONNECT_BATCH).map(async (c) => {
        const designId = ready.designIds[c.room];
        const answer = await withTimeout(
          new Promise<JoinAnswer>((resolve) => c.socket.emit('design:join', { protocol: PROTOCOL_VERSION, designId }, resolve)),
          CONNECT_TIMEOUT_MS,
          'design:join',
        );
        if (!answer.ok) throw new Error(`join refused: ${answer.code}: ${answer.message}`);
        c.version = answer.version;
        ledger.join(c.room, c.index, answer.version);
      }),
    );
  }
  progress(`${clients.length} clients connected and joined ${config.rooms} rooms`);

  // Every client: an op every 2 s and a cursor move every 100 ms, each at a random phase.
  const opFor = (c: BenchClient) => {
    if (Math.random() < 0.7) {
      const id = nodeIds[Math.floor(Math.random() * nodeIds.length)];
      return { type: 'moveNodes', moves: [{ id, position: { x: Math.round(Math.random() * 1200), y: c.seq } }] };
    }
    return { type: 'setParams', id: Math.random() < 0.5 ? 'encoder.ffn' : 'decoder.ffn', params: { dFF: [32, 64, 128][Math.floor(Math.random() * 3)] } };
  };
  const sendOp = (c: BenchClient) => {
    // A disconnected socket.io client would buffer the emit forever (no reconnection here).
    if (!c.socket.connected) return;
    const id = ledger.send(c.room, c.index, performance.now());
    c.seq++;
    c.socket.emit('op:submit', { clientOpId: `b${c.room}-${c.index}-${c.seq}`, baseVersion: c.version, op: opFor(c) }, (answer: SubmitAnswer) => {
      ledger.ack(id, answer.ok ? { ok: true, version: answer.version } : { ok: false, code: answer.code }, performance.now());
      if (answer.ok && answer.version > c.version) c.version = answer.version;
    });
  };
  const sendCursor = (c: BenchClient) => {
    if (!c.socket.connected) return;
    c.socket.emit('presence:cursor', { x: Math.round(Math.random() * 1200), y: Math.round(Math.random() * 800) });
    if (counting) cursorSent++;
  };
  sending = true;
  for (const c of clients) {
    c.timers.push(
      setTimeout(() => {
        if (!sending) return;
        sendOp(c);
        c.timers.push(setInterval(() => sendOp(c), config.opIntervalMs));
      }, Math.random() * config.opIntervalMs),
    );
    if (config.cursorHz > 0) {
      c.timers.push(
        setTimeout(() => {
          if (!sending) return;
          sendCursor(c);
          c.timers.push(setInterval(() => sendCursor(c), 1000 / config.cursorHz));
        }, Math.random() * (1000 / config.cursorHz)),
      );
    }
  }

  // A job in room 0, started by its first client, kept running for the whole window.
  const jobs = config.job ? await startJobLoop(clients[0], ready.jobKinds) : noJob();

  progress(`warming up ${config.warmupSeconds} s`);
  await sleep(config.warmupSeconds * 1000);
  const clientMonitor = monitorEventLoopDelay({ resolution: 10 });
  const from = performance.now();
  for (const server of servers) server.tell({ type: 'measure-start', at: performance.timeOrigin + from });
  clientMonitor.enable();
  const cpu0 = process.cpuUsage();
  const machine0 = cpuSnapshot();
  counting = true;
  progress(`measuring ${config.seconds} s`);
  for (let s = 10; s < config.seconds; s += 10) {
    await sleep(10_000);
    progress(`  ${s} s: ${ledger.accepted} ops accepted so far`);
  }
  await sleep(from + config.seconds * 1000 - performance.now());
  const to = performance.now();
  const loadAfter = os.loadavg()[0];
  counting = false;
  clientMonitor.disable();
  const clientCpu = process.cpuUsage(cpu0);
  const machineCpu = cpuByRole(machine0, cpuSnapshot(), to - from, roles);
  const epoch = (t: number) => performance.timeOrigin + t;
  for (const server of servers) server.tell({ type: 'measure-stop', at: epoch(performance.now()), from: epoch(from), to: epoch(to) });
  // A starved server answers late or not at all: its figures are then missing, the rest still counts.
  let serverNote = '';
  const measured = await servers[0].next('measured', MEASURED_TIMEOUT_MS).catch((err: Error) => {
    serverNote = err.message;
    progress(`no figures from the server: ${err.message}`);
    return null;
  });

  // Stop sending, stop the job, then wait for every ack and every owed receipt (bounded).
  sending = false;
  for (const c of clients) {
    for (const t of c.timers) clearTimeout(t);
    c.timers = [];
  }
  await jobs.stop();
  progress('draining');
  const drainEnd = performance.now() + DRAIN_TIMEOUT_MS;
  let lastPending = Infinity;
  let lastProgressAt = performance.now();
  let drained = false;
  while (performance.now() < drainEnd) {
    const pending = ledger.pendingAcks + ledger.pendingReceipts;
    if (pending === 0) {
      drained = true;
      break;
    }
    if (pending < lastPending) {
      lastPending = pending;
      lastProgressAt = performance.now();
    } else if (performance.now() - lastProgressAt > DRAIN_STALL_MS) break;
    await sleep(100);
  }

  return {
    config,
    joined: clients.length,
    disconnects: { ...disconnects },
    windowMs: to - from,
    report: ledger.report({ from, to }),
    drained,
    cursorSent,
    cursorReceived,
    server: measured,
    serverNote,
    jobs: jobs.state,
    serverWorkers: ready.workers,
    clientDelay: delayStats(clientMonitor, 10),
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
    machineCpu,
    loadAfter,
  };
}

function noJob(): { state: JobDriverState; stop: () => Promise<void> } {
  const state: JobDriverState = { kind: 'none', note: 'no job (LOAD_JOB=0)', started: 0, finished: 0, failed: 0, progress: 0, lastStep: 0, firstFailure: '' };
  return { state, stop: async () => {} };
}

/**
 * Keeps a job running in the first client's room: one long 'train' job if the
 * server runs that kind (and the protocol lets us start one), otherwise 'run'
 * jobs back to back.
 */
async function startJobLoop(client: BenchClient, kinds: string[]): Promise<{ state: JobDriverState; stop: () => Promise<void> }> {
  const state: JobDriverState = { kind: 'run', note: '', started: 0, finished: 0, failed: 0, progress: 0, lastStep: 0, firstFailure: '' };
  let current: string | null = null;
  let active = true;
  const start = (msg: object) =>
    withTimeout(new Promise<StartJobAnswer>((resolve) => client.socket.emit('job:start', msg, resolve)), IPC_TIMEOUT_MS, 'job:start');
  // A short job can end before the ack of its job:start arrives: endings are kept by id until claimed.
  const ended = new Map<string, JobEventMessage>();
  const onEnd = (event: JobEventMessage) => {
    current = null;
    if (event.type === 'result') state.finished++;
    else if (event.type === 'failed') {
      state.failed++;
      state.firstFailure ||= `${event.error.code}: ${event.error.message}`;
    }
    // A failing job is not retried in a tight loop.
    if (state.failed <= 3) void startNext().catch(() => undefined);
  };
  const startNext = async (): Promise<void> => {
    if (!active) return;
    const answer = await start(state.kind === 'train' ? { kind: 'train', task: 'copy', steps: TRAIN_STEPS, seed: 1 } : { kind: 'run', seed: state.started + 1 });
    if (!answer.ok) throw new Error(`job:start '${state.kind}' refused: ${answer.message}`);
    state.started++;
    const early = ended.get(answer.jobId);
    ended.delete(answer.jobId);
    current = answer.jobId;
    if (early) onEnd(early);
  };
  client.socket.on('job:event', (event: JobEventMessage) => {
    if (event.type === 'progress' && event.job.id === current) {
      state.progress++;
      const step = (event.progress as { step?: unknown } | null)?.step;
      if (typeof step === 'number') state.lastStep = step;
    }
    if (event.type !== 'result' && event.type !== 'failed' && event.type !== 'cancelled') return;
    if (event.job.id === current) onEnd(event);
    else if (ended.size < 100) ended.set(event.job.id, event);
  });

  if (kinds.includes('train')) {
    state.kind = 'train';
    try {
      await startNext();
      state.note = `one 'train' job (task copy, ${TRAIN_STEPS} steps), restarted if it ends`;
    } catch (err) {
      state.kind = 'run';
      state.note = `'train' could not be started (${(err as Error).message}); 'run' jobs back to back instead`;
    }
  } else {
    state.note = "no 'train' kind registered yet: 'run' jobs back to back (tiny template at batch 1024, ~0.5 s each)";
  }
  if (state.kind === 'run') await startNext();

  return {
    state,
    stop: async () => {
      active = false;
      const id = current;
      if (id) {
        await withTimeout(new Promise<{ ok: boolean }>((resolve) => client.socket.emit('job:cancel', { jobId: id }, resolve)), 10_000, 'job:cancel').catch(
          () => undefined,
        );
      }
    },
  };
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');
const ms = (v: number) => (Number.isFinite(v) ? `${fmt(v)} ms` : 'n/a');
/** "server 78, clients 61, … = 152 of 200": who used the cores, in % of one core (those under 0.5 left out of the list, not the sum). */
export function machineCpuLine(used: Array<[string, number]>): string {
  if (used.length === 0) return 'n/a (no /proc)';
  const total = used.reduce((sum, [, pct]) => sum + pct, 0);
  const shown = used.filter(([, pct]) => pct >= 0.5);
  return `${shown.map(([role, pct]) => `${role} ${Math.round(pct)}`).join(', ')} = ${Math.round(total)} of ${os.availableParallelism() * 100}`;
}

const perSecond = (n: number, windowMs: number) => `${fmt(n / (windowMs / 1000))}/s`;
const pct = (part: number, whole: number) => (whole > 0 && Number.isFinite(part) ? `${fmt((100 * part) / whole)}%` : 'n/a');
const delayText = (d: DelayStats) => `p50 ${ms(d.p50)} / p99 ${ms(d.p99)} / max ${ms(d.max)}`;

/** The outcome as a table in the harness's style, with notes and warnings below it. */
export function renderLoad(o: LoadOutcome): string {
  const { report: r, server: s, config: cfg } = o;
  const refused = Object.entries(r.refused).map(([code, n]) => `${code} ${n}`);
  const dropped = Object.entries(o.disconnects).map(([reason, n]) => `${n} ${reason}`);
  const anomalies = r.duplicates + r.unknownVersions + r.selfEchoes + r.misattributed + r.conflictingAcks;
  const reordered = r.outOfOrder + r.gaps;
  const expectedCursors = o.cursorSent * (cfg.clientsPerRoom - 1);
  const editOk = r.editLatency.count > 0 && r.editLatency.p99 < TARGET_EDIT_P99_MS;
  const jobDelayOk = s !== null && s.delayWhileJob.samples > 0 && s.delayWhileJob.p99 < TARGET_DELAY_P99_MS;
  const clientCpu = o.clientCpuMs / o.windowMs;
  const rows: string[][] = [
    ['clients joined', `${o.joined} (${cfg.rooms} rooms × ${cfg.clientsPerRoom})`, '', ''],
    ['disconnected during the run', dropped.length === 0 ? '0' : dropped.join(', '), '0', mark(dropped.length === 0)],
    ['ops sent / accepted', `${perSecond(r.sentInWindow, o.windowMs)} / ${perSecond(r.acceptedInWindow, o.windowMs)}`, '', ''],
    ['acks refused', refused.length === 0 ? '0' : refused.join(', '), '', ''],
    ['acks never answered', String(r.unanswered), '0', mark(r.unanswered === 0)],
    [
      'edit latency p50 / p99 / max',
      `${ms(r.editLatency.p50)} / ${ms(r.editLatency.p99)} / ${ms(r.editLatency.max)} (${r.editLatency.count.toLocaleString('en-US')} pairs)`,
      `p99 < ${TARGET_EDIT_P99_MS} ms`,
      mark(editOk),
    ],
    ['ack latency p50 / p99', `${ms(r.ackLatency.p50)} / ${ms(r.ackLatency.p99)}`, '', ''],
    ['lost ops', `${r.lostOps} (${r.lostReceipts} missing receipts)${o.drained ? '' : ', drain timed out'}`, '0', mark(r.lostOps === 0)],
    ['reordered ops', `${reordered} (${r.outOfOrder} out of order, ${r.gaps} gaps)`, '0', mark(reordered === 0)],
    [
      'other anomalies',
      anomalies === 0
        ? 'none'
        : `dup ${r.duplicates}, unknown ${r.unknownVersions}, echo ${r.selfEchoes}, author ${r.misattributed}, version clash ${r.conflictingAcks}`,
      '0',
      mark(anomalies === 0),
    ],
    [
      'cursor messages received',
      cfg.cursorHz === 0 ? 'none sent' : `${perSecond(o.cursorReceived, o.windowMs)} (${pct(o.cursorReceived, expectedCursors)} of sent × ${cfg.clientsPerRoom - 1})`,
      '',
      '',
    ],
  ];
  if (s) {
    rows.push(
      ['server event-loop delay, job running', delayText(s.delayWhileJob), `p99 < ${TARGET_DELAY_P99_MS} ms`, mark(jobDelayOk)],
      ['server event-loop delay, whole window', `${delayText(s.delay)}; stalled ${pct(s.stalledMs, s.wallMs)} of the time`, '', ''],
      [
        '  monitorEventLoopDelay (cross-check)',
        (s.monitor.samples === 0 ? 'no samples: the loop never reached its timers between the marks' : delayText(s.monitor)) +
          (s.marksLateMs > 100 ? `; marks read ${fmt(s.marksLateMs)} ms late` : ''),
        '',
        '',
      ],
      ['server CPU (main + workers)', `${pct(s.cpuMs, s.wallMs)} of one core, ${s.errors} errors logged`, '', ''],
    );
  } else {
    rows.push(['server event-loop delay, job running', `n/a: ${o.serverNote}`, `p99 < ${TARGET_DELAY_P99_MS} ms`, mark(false)]);
  }
  rows.push(
    [
      `job in a worker (${o.jobs.kind})`,
      `${o.jobs.started} started, ${o.jobs.finished} finished, ${o.jobs.failed} failed, ${o.jobs.progress} progress messages` +
        (o.jobs.kind === 'train' ? `, at step ${o.jobs.lastStep}` : '') +
        (s ? `; running ${pct(s.jobRunningMs, s.wallMs)} of window` : ''),
      '',
      '',
    ],
    ['machine load average (1 min)', `${fmt(o.loadBefore)} before, ${fmt(o.loadAfter)} at the end, on ${os.availableParallelism()} cores`, '', ''],
    ['bench process (clients)', `event loop p99 ${ms(o.clientDelay.p99)} / max ${ms(o.clientDelay.max)}, CPU ${fmt(100 * clientCpu)}% of one core`, '', ''],
    ['machine CPU in the window (% of a core)', machineCpuLine(o.machineCpu), '', ''],
  );
  const lines = [
    renderTable([{ header: 'measure', align: 'left' }, { header: 'measured', align: 'left' }, { header: 'target' }, { header: '' }], rows),
    `  job: ${o.jobs.note}${o.jobs.firstFailure ? `; first failure: ${o.jobs.firstFailure}` : ''}`,
    '  latency: send → op:applied at each other client of the room; event-loop delay: lateness of a 10 ms timer; stalled: delays ≥ 50 ms',
  ];
  if (o.clientDelay.p99 > CLIENT_DELAY_WARN_MS || clientCpu > CLIENT_CPU_WARN) {
    lines.push(
      `  WARNING: the client side is saturated (event loop p99 ${ms(o.clientDelay.p99)}, CPU ${fmt(100 * clientCpu)}% of one core):` +
        ` ${o.joined} clients in one process add their own queueing to the latencies above.`,
    );
  }
  if (o.loadBefore > os.availableParallelism()) {
    lines.push(`  NOTE: the machine was already busy before the run (load ${fmt(o.loadBefore)} on ${os.availableParallelism()} cores): figures are pessimistic.`);
  }
  return lines.join('\n');
}

export const loadPart: BenchPart = {
  name: 'collaboration',
  title: 'Live collaboration under load',
  async measureOurs() {
    const config = loadConfig();
    const outcome = await runLoad(config, (line) => process.stderr.write(`\n  load: ${line}`));
    process.stderr.write('\n');
    return async () =>
      [
        `  ${config.rooms} rooms × ${config.clientsPerRoom} socket.io clients (websocket, loopback), each sending an op every ${fmt(config.opIntervalMs / 1000)} s` +
          ` and ${config.cursorHz} cursor moves a second,`,
        `  ${config.seconds} s measured after ${config.warmupSeconds} s warm-up; server in its own process (${outcome.serverWorkers} job worker${outcome.serverWorkers === 1 ? '' : 's'}), clients in this one`,
        renderLoad(outcome),
      ].join('\n');
  },
};

export const loadSection: Section = {
  name: 'load',
  title: 'Live collaboration',
  parts: [loadPart],
};
