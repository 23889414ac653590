import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms) each process on the machine has used so far, with its command name. Linux (/proc) only: empty elsewhere. */
export type CpuSnapshot = Map<number, { comm: string; ms: number }>;

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export function cpuSnapshot(): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  const msPerTick = 1000 / clockTicks();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after it count from 3.
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      out.set(Number(pid), { comm: stat.slice(stat.indexOf('(') + 1, close), ms: (Number(fields[11]) + Number(fields[12])) * msPerTick });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

/**
 * Who used the machine's CPU between two snapshots, in % of one core, by role: the processes
 * named in `roles` by pid, PostgreSQL and Redis by command name, the rest as "other". Processes
 * that started in between count from zero; those that ended are missed.
 */
export function cpuByRole(before: CpuSnapshot, after: CpuSnapshot, ms: number, roles: Map<number, string>): Array<[string, number]> {
  const used = new Map<string, number>();
  for (const [pid, { comm, ms: total }] of after) {
    const role = roles.get(pid) ?? (comm === 'postgres' ? 'PostgreSQL' : comm === 'redis-server' ? 'Redis' : 'other');
    used.set(role, (used.get(role) ?? 0) + total - (before.get(pid)?.ms ?? 0));
  }
  return [...used].map(([role, t]): [string, number] => [role, (100 * t) / ms]).sort((a, b) => b[1] - a[1]);
}
