/** The messages between the load benchmark (parent) and its server process (load-server.ts), over fork's IPC channel. */

export interface DelayStats {
  /** Samples of the event-loop delay monitor (one per `resolution` ms while the loop keeps up). */
  samples: number;
  /** Lateness beyond the monitor's sampling interval, in ms. */
  p50: number;
  p99: number;
  max: number;
}

/** `at` and the window are epoch milliseconds (performance.timeOrigin + performance.now()), shared by both processes. */
export type ToServer = { type: 'measure-start'; at: number } | { type: 'measure-stop'; at: number; from: number; to: number } | { type: 'exit' };

export type FromServer =
  | {
      type: 'ready';
      port: number;
      designIds: string[];
      /** The version each design is at (after its template was added). */
      versions: number[];
      /** Job kinds the server's pool runs. */
      jobKinds: string[];
      workers: number;
    }
  | {
      type: 'measured';
      wallMs: number;
      /** CPU of the server's main thread and its workers together (process.cpuUsage), ms over the window. */
      cpuMs: number;
      /** Event-loop delay over the whole window (a 10 ms timer's lateness). */
      delay: DelayStats;
      /** The same, only samples during which a job was running in a worker. */
      delayWhileJob: DelayStats;
      /** Sum of the delays of at least 50 ms: time the loop was stuck. */
      stalledMs: number;
      /** Time within the window during which a job was running, ms. */
      jobRunningMs: number;
      /** perf_hooks.monitorEventLoopDelay between the start and stop messages, as a cross-check. */
      monitor: DelayStats;
      /** How late the server handled the start or stop message (a starved loop reads its IPC late). */
      marksLateMs: number;
      /** Errors the server logged (internal failures of a handler). */
      errors: number;
      connections: number;
    }
  | { type: 'failed'; message: string };

/** Lateness percentiles of a monitorEventLoopDelay histogram sampled every `resolutionMs`. */
export function delayStats(h: { count: number; percentile(p: number): number; max: number }, resolutionMs: number): DelayStats {
  const late = (ns: number) => (h.count === 0 ? NaN : Math.max(0, ns / 1e6 - resolutionMs));
  return { samples: h.count, p50: late(h.percentile(50)), p99: late(h.percentile(99)), max: late(h.max) };
}
