/**
 * The contract between the server and whatever runs jobs. Today that is the
 * in-process worker-thread pool (worker-pool.ts); a BullMQ-backed runner for
 * several machines can replace it without the server noticing, which is why
 * every call that could cross a network returns a promise.
 */

/** What the server asks for: one run or training job on one design. */
export interface JobRequest {
  /** Chosen by the caller (e.g. a UUID), so it can be stored before the job starts. */
  id: string;
  designId: string;
  /** 'run' | 'train' on the server; tests register their own kinds. */
  kind: string;
  payload: unknown;
  /** The participant who asked; carried on every event so the room can say whose job it is. */
  requestedBy: string;
}

/** The identity of a job, repeated on every event so that a bridge needs no lookup. */
export interface JobRef {
  id: string;
  designId: string;
  kind: string;
  requestedBy: string;
}

/** Why a job ended without a result: a code for programs and a sentence for people. */
export interface JobError {
  code: string;
  message: string;
}

/**
 * Everything that happens to a job, in order. Every job that was accepted ends
 * with exactly one of `result`, `failed` or `cancelled`.
 */
export type JobEvent =
  /** Waiting behind `position - 1` other jobs of the same design (1 = next); re-sent when it moves. */
  | { type: 'queued'; job: JobRef; position: number }
  | { type: 'started'; job: JobRef }
  | { type: 'progress'; job: JobRef; progress: unknown }
  | { type: 'result'; job: JobRef; result: unknown }
  | { type: 'failed'; job: JobRef; error: JobError }
  | { type: 'cancelled'; job: JobRef; by: string };

/** Receives every job event; the server bridges them to the design's room. */
export type JobListener = (event: JobEvent) => void;

/** Why a job was not accepted. */
export type JobRefusalCode = 'unknown-kind' | 'bad-payload' | 'duplicate-id' | 'design-queue-full' | 'queue-full' | 'closed';

/** The answer to a submission: accepted (events follow) or refused with a reason a person can read. */
export type SubmitOutcome = { ok: true } | { ok: false; code: JobRefusalCode; message: string };

/** A job that has not ended, as a late joiner needs to see it. */
export type JobStatus =
  | { state: 'running'; job: JobRef; startedAt: number; lastProgress: unknown }
  | { state: 'queued'; job: JobRef; position: number };

/** Who cancels jobs when the server shuts down. */
export const SERVER_CANCEL = 'server';

/** Runs jobs one at a time per design and reports what happens to them. */
export interface JobRunner {
  /** Validates and queues a job; refusals are values, never exceptions. */
  submit(request: JobRequest): Promise<SubmitOutcome>;
  /** Cancels a queued or running job on behalf of `by`; false when no such job is pending. The caller checks permission. */
  cancel(jobId: string, by: string): Promise<boolean>;
  /** The running and queued jobs of a design, running first, then in queue order. */
  jobsOf(designId: string): Promise<JobStatus[]>;
  /** Adds a listener for every job's events; returns the function that removes it. */
  subscribe(listener: JobListener): () => void;
  /** Cancels queued jobs, stops running ones and releases the workers; later submissions are refused. */
  close(): Promise<void>;
}
