import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
  /** Signals the server's whole process group. */
  signal: (sig: NodeJS.Signals) => void;
}

/** A fresh SQLite file with the migrations applied, as `npm start` does. */
export function freshDatabase(): string {
  const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), 'multihead-proc-')), 'test.db')}`;
  const r = spawnSync('npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`migrate deploy failed: ${r.stderr}`);
  return url;
}

/** Starts server/main.ts as its own process group (so it can be killed whole). */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    url: '',
    output: () => out,
    exited,
    signal: (sig) => {
      if (child.pid) process.kill(-child.pid, sig);
    },
  };
}

/** Waits until the server prints its URL, and returns it. */
export async function waitForUrl(server: ServerProcess, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = server.output().match(/running at (http:\/\/\S+)/);
    if (m) return m[1];
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start in ${timeoutMs} ms:\n${server.output()}`);
}
