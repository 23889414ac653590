/** A benchmark section: a titled group of parts, each producing printable text. */

/** Phase 2 of a part: measures the peers (tfjs) and returns the rendered table. */
export type FinishPart = () => Promise<string>;

export interface BenchPart {
  /** Selects the part on the command line. */
  name: string;
  title: string;
  /**
   * Phase 1: measures our runtime only, then returns phase 2. The runner does
   * phase 1 of every part before phase 2 of any, so ours is always measured in a
   * process that has not loaded tfjs: importing tfjs-core makes V8's typed-array
   * code ~15% slower process-wide (a global optimisation assumption is invalidated),
   * which would charge the peer library's side effect to our runtime.
   */
  measureOurs(): Promise<FinishPart>;
}

export interface Section {
  /** Selects the whole section on the command line. */
  name: string;
  title: string;
  /** Optional context printed once under the section title (after phase 1, so it may load peers). */
  intro?: () => Promise<string>;
  parts: BenchPart[];
  /** Runs only when named (it needs services such as PostgreSQL), never as part of "everything". */
  explicit?: boolean;
}
