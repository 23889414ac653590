import { describe, expect, it } from 'vitest';
import { cpuByRole, cpuSnapshot, type CpuSnapshot } from './machine-cpu.ts';

describe('machine CPU by role', () => {
  it('splits what each process used in the window into the named roles, PostgreSQL, Redis and the rest', () => {
    const before: CpuSnapshot = new Map([
      [10, { comm: 'node', ms: 1000 }],
      [11, { comm: 'postgres', ms: 500 }],
      [12, { comm: 'postgres', ms: 100 }],
      [13, { comm: 'redis-server', ms: 50 }],
      [14, { comm: 'bash', ms: 0 }],
    ]);
    const after: CpuSnapshot = new Map([
      [10, { comm: 'node', ms: 3000 }], // 2 s of a 4 s window: 50 %
      [11, { comm: 'postgres', ms: 900 }],
      [12, { comm: 'postgres', ms: 500 }],
      [13, { comm: 'redis-server', ms: 90 }],
      [14, { comm: 'bash', ms: 0 }],
      [15, { comm: 'postgres', ms: 200 }], // started during the window
    ]);
    expect(cpuByRole(before, after, 4000, new Map([[10, 'server']]))).toEqual([
      ['server', 50],
      ['PostgreSQL', 25],
      ['Redis', 1],
      ['other', 0],
    ]);
  });

  it('reads this very process from /proc, as much CPU time as the process itself counts', () => {
    const first = cpuSnapshot();
    const own = process.cpuUsage();
    let x = 0;
    // Busy until this process has used 300 ms of CPU, however long that takes on a loaded machine.
    while ((process.cpuUsage(own).user + process.cpuUsage(own).system) / 1000 < 300) x += Math.sqrt(x + 1);
    const second = cpuSnapshot();
    const used = (process.cpuUsage(own).user + process.cpuUsage(own).system) / 1000;
    expect(second.get(process.pid)!.comm).toMatch(/node|vitest/);
    // /proc counts in clock ticks (10 ms) and includes this process's other threads.
    expect(second.get(process.pid)!.ms - first.get(process.pid)!.ms).toBeGreaterThanOrEqual(used - 20);
    expect(x).toBeGreaterThan(0);
  });
});
