import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * How job threads yield the CPU to the event loop:
 * - 'idle': Linux's SCHED_IDLE class — the thread runs only on CPU time no
 *   normal thread wants, and a waking event loop takes the core back at once.
 *   Training still uses every idle cycle; under load it slows down, the room
 *   does not (measured: `npm run bench -- load`, see issue 6's note).
 * - 'low': niceness 19 (weight 15 against the loop's 1024).
 * - 'normal': as the server itself.
 */
export type ThreadPriority = 'idle' | 'low' | 'normal';
export const THREAD_PRIORITIES = ['idle', 'low', 'normal'] as const;

/** Kernel id of the calling thread (Linux), from /proc/thread-self → "<pid>/task/<tid>". */
function threadId(): string {
  return readlinkSync('/proc/thread-self').split('/').at(-1)!;
}

/**
 * Lowers the calling thread's CPU priority (on Linux, priority is per thread,
 * so a worker lowers only itself). Falls back to the next weaker level where a
 * level is not available; answers the level in force.
 */
export function lowerThisThreadPriority(wanted: ThreadPriority): ThreadPriority {
  if (wanted === 'idle' && process.platform === 'linux') {
    try {
      // Node has no sched_setscheduler; util-linux's chrt sets it for one thread id.
      // Lowering one's own thread needs no privilege.
      execFileSync('chrt', ['--idle', '--pid', '0', threadId()], { stdio: 'ignore', timeout: 5_000 });
      return 'idle';
    } catch {
      // no chrt here: fall back to niceness
    }
  }
  if (wanted !== 'normal') {
    try {
      setPriority(19);
      return 'low';
    } catch {
      // not permitted here
    }
  }
  return 'normal';
}

/** The calling thread's scheduling as the kernel reports it (Linux only; null elsewhere). */
export function thisThreadScheduling(): { policy: number; nice: number } | null {
  if (process.platform !== 'linux') return null;
  const sched = readFileSync('/proc/thread-self/sched', 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}\\s*:\\s*(-?\\d+)`, 'm').exec(sched)?.[1]);
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  // Fields after the command name "(…)": state is field 3, nice is field 19.
  const nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  return { policy: field('policy'), nice };
}

/** SCHED_IDLE's number in /proc/…/sched. */
export const SCHED_IDLE = 5;
