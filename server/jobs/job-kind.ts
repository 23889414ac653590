import type { z } from 'zod';

/** Server-wide limits a kind's payload schema and handler must respect. */
export interface JobLimits {
  /** Most training steps a job may ask for. */
  maxSteps: number;
  /** Most parameters a compiled design may have. */
  maxParams: number;
}

/** What a handler may do besides computing: report progress and notice cancellation. */
export interface JobContext {
  /** Sends progress to the room; throttled, so calling it every step is fine (only the latest value in each interval is sent). */
  reportProgress(progress: unknown): void;
  /** True once someone cancelled the job: check it between steps and return early (the return value is then discarded). */
  isCancelled(): boolean;
  limits: JobLimits;
}

/** One kind of job: how its payload is checked (on the main thread) and how it runs (in a worker). */
export interface JobKind<P = unknown, R = unknown> {
  /** The payload schema, built from the server's limits so that caps are refused before a job is queued. */
  payload(limits: JobLimits): z.ZodType<P>;
  /** Does the work in a worker thread; the result must survive structured cloning. */
  handle(payload: P, context: JobContext): R | Promise<R>;
}

/** The kinds a pool knows, by name; a kinds module exports one of these as `jobKinds`. */
export type JobKinds = Readonly<Record<string, JobKind>>;

/** Declares a kind with its payload type inferred from the schema. */
export function defineJobKind<P, R>(kind: JobKind<P, R>): JobKind {
  // Erasing P is safe: the pool only ever hands a handler what its own schema produced.
  return kind as unknown as JobKind;
}

/** Thrown by a handler to fail its job with a code and message meant for people (not a crash). */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}
