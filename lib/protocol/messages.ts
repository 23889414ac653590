import { z } from 'zod';
import type { DesignDocument } from '../design/document.ts';
import type { Diagnostic } from '../design/diagnostics.ts';
import type { LoggedOp } from '../design/design-state.ts';
import type { TensorShape } from '../design/validate.ts';
import type { Role } from './access.ts';
import type { Framing, LossPoint, MetricResult, SampleDescription, TrainingEvaluation, TrainingSettings } from '../tasks/index.ts';

/**
 * Every socket.io message, both directions. Bump PROTOCOL_VERSION on any
 * incompatible change; the client sends its version when it joins, and an
 * out-of-date page is told to reload instead of being misunderstood.
 */
export const PROTOCOL_VERSION = 2;

export const DesignId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a design id');
const ClientOpId = z.string().min(1).max(64);
const Version = z.int().min(0);
const Finite = z.number().min(-1e7).max(1e7);

// ── client → server ──────────────────────────────────────────────────────────

/** Open a design; `sinceVersion` asks for only the ops missed since then (reconnect). */
export const JoinDesign = z.strictObject({
  protocol: z.literal(PROTOCOL_VERSION),
  designId: DesignId,
  sinceVersion: Version.optional(),
});
export type JoinDesign = z.infer<typeof JoinDesign>;

/** One edit; the op itself is checked against lib/design's schema by the room. */
export const SubmitOp = z.strictObject({
  clientOpId: ClientOpId,
  /** The version the client had applied when it made the edit (for logs and conflict reasons). */
  baseVersion: Version,
  op: z.unknown(),
  /** Sent before without an answer (a reconnect): the server first looks for it among the stored ops. */
  resent: z.boolean().optional(),
});
export type SubmitOp = z.infer<typeof SubmitOp>;

/** Cursor position in canvas coordinates, or null when it left the canvas. Volatile. */
export const CursorMove = z.strictObject({ x: Finite, y: Finite }).nullable();
export const SelectionChange = z.strictObject({ nodeIds: z.array(z.string().min(1).max(64)).max(500) });
export const ViewportChange = z.strictObject({ x: Finite, y: Finite, zoom: z.number().min(0.01).max(100) });

const Seed = z.int().min(0).max(2 ** 32 - 1);

/**
 * Start a job on the design as it is now: a forward pass on a sample ('run'),
 * or training on a built-in task ('train'). The server checks the task name
 * and caps the steps when it queues the job.
 */
export const StartJob = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('run'), seed: Seed.optional() }),
  z.strictObject({
    kind: z.literal('train'),
    task: z.string().min(1).max(64),
    steps: z.int().min(1).max(1_000_000),
    /** Default: the design's training settings (a client normally sends the value it shows). */
    learningRate: z.number().positive().max(10).optional(),
    /** Default: the design's seed. */
    seed: Seed.optional(),
    /** Default: the task's. */
    batchSize: z.int().min(1).max(1024).optional(),
    /** Default: the design's training settings. */
    warmupSteps: z.int().min(0).max(1_000_000).optional(),
    optimizer: z.enum(['adam', 'adamw']).optional(),
  }),
]);
export type StartJob = z.infer<typeof StartJob>;
export const CancelJob = z.strictObject({ jobId: z.string().min(1).max(64) });

// ── server → client ──────────────────────────────────────────────────────────

/** Where someone's cursor is, or that it left the canvas. */
export type CursorPosition = { id: string; x: number; y: number } | { id: string; gone: true };

/** Who did something: stable for a person across reconnects. */
export interface Participant {
  id: string;
  name: string;
  colour: string;
}

export interface PresenceState extends Participant {
  selection: string[];
  viewport: { x: number; y: number; zoom: number } | null;
}

/** An accepted op as everyone applies it, in version order. */
export interface AppliedOp {
  designId: string;
  version: number;
  op: LoggedOp;
  author: Participant;
  /**
   * The id the author's client sent it under (absent on rows stored before it was kept): an author
   * whose ack was lost confirms its edit from it, whichever way the op reaches it.
   */
  clientOpId?: string;
}

export interface DiagnosticsMessage {
  designId: string;
  /** The version the diagnostics describe. */
  version: number;
  ok: boolean;
  diagnostics: Diagnostic[];
  edges: Record<string, TensorShape>;
}

/** What a joiner gets: either the whole state or exactly the ops it missed. */
export type CatchUp =
  | { kind: 'snapshot'; version: number; title: string; doc: DesignDocument }
  | { kind: 'ops'; fromVersion: number; ops: AppliedOp[] };

/** Why the server refused a message: a code for programs, a sentence for people. */
export interface Refusal {
  ok: false;
  code:
    | 'bad-message'
    | 'not-found'
    | 'not-joined'
    | 'protocol-mismatch'
    | 'refused-op'
    | 'conflict'
    | 'rate-limited'
    | 'job-refused'
    /** Your role on the design does not allow this. */
    | 'forbidden'
    | 'internal';
  message: string;
  /** For refused ops: the design rule that refused it (lib/design's refusal code). */
  reason?: string;
}

export type JoinAnswer =
  | {
      ok: true;
      designId: string;
      you: Participant;
      /** Your role on the design: what the editor lets you do (the server enforces it). */
      role: Role;
      version: number;
      title: string;
      catchUp: CatchUp;
      diagnostics: DiagnosticsMessage;
      participants: PresenceState[];
      jobs: JobsSnapshot;
    }
  | Refusal;

export type SubmitAnswer =
  | {
      ok: true;
      clientOpId: string;
      version: number;
      /** The op as stored, when the server filled parts of it in (a comment's author and time). */
      op?: LoggedOp;
    }
  | (Refusal & { clientOpId?: string });

/** A job of this design, as every participant sees it. */
export interface JobInfo {
  id: string;
  kind: string;
  /** Participant id of who started it. */
  requestedBy: string;
}

/** Everything that happens to a job; every job ends with one of result, failed or cancelled. */
export type JobEventMessage = { designId: string; job: JobInfo } & (
  | { type: 'queued'; position: number }
  | { type: 'started' }
  | { type: 'progress'; progress: unknown }
  | { type: 'result'; result: unknown }
  | { type: 'failed'; error: { code: string; message: string } }
  | { type: 'cancelled'; by: string }
);

/** A train job's progress, sent (throttled) after its steps: everything a chart needs, so a late joiner can draw from one message. */
export interface TrainProgress {
  step: number;
  totalSteps: number;
  /** Training loss of this step. */
  loss: number;
  learningRate: number;
  elapsedMs: number;
  /** Estimated time to the end, from the mean step time so far. */
  etaMs: number;
  /** The whole loss curve so far, bucket-averaged to at most 200 points. */
  lossCurve: LossPoint[];
  /** Every evaluation so far (before training, every ~10 % of the steps), oldest first. */
  evaluations: TrainingEvaluation[];
}

/** A train job's result. */
export interface TrainResult {
  task: string;
  framing: Framing;
  /** What the run used, every default filled in. */
  settings: TrainingSettings;
  params: number;
  /** Steps taken: totalSteps, unless training diverged (then the step whose loss broke, which made no update). */
  steps: number;
  totalSteps: number;
  elapsedMs: number;
  /** The whole loss curve, bucket-averaged to at most 500 points. */
  lossCurve: LossPoint[];
  evaluations: TrainingEvaluation[];
  /** The last evaluation's metrics (headline first) and sample predictions. */
  finalMetrics: MetricResult[];
  samples: SampleDescription[];
  /** Set when the loss stopped being a number and training stopped early. */
  diverged: { step: number; message: string } | null;
}

/** What a late joiner needs: the jobs still going, and the latest finished result of each kind. */
export interface JobsSnapshot {
  active: Array<{ job: JobInfo; state: 'running' | 'queued'; position?: number; lastProgress?: unknown }>;
  latest: Record<string, JobEventMessage>;
}

export type StartJobAnswer = { ok: true; jobId: string } | Refusal;
export type CancelJobAnswer = { ok: true } | Refusal;

export interface ClientToServerEvents {
  'design:join': (msg: unknown, ack: (answer: JoinAnswer) => void) => void;
  'op:submit': (msg: unknown, ack: (answer: SubmitAnswer) => void) => void;
  'presence:cursor': (msg: unknown) => void;
  'presence:selection': (msg: unknown) => void;
  'presence:viewport': (msg: unknown) => void;
  'job:start': (msg: unknown, ack: (answer: StartJobAnswer) => void) => void;
  'job:cancel': (msg: unknown, ack: (answer: CancelJobAnswer) => void) => void;
}

export interface ServerToClientEvents {
  'op:applied': (msg: AppliedOp) => void;
  'design:diagnostics': (msg: DiagnosticsMessage) => void;
  'presence:joined': (msg: PresenceState) => void;
  'presence:left': (msg: { id: string }) => void;
  /** Every cursor that moved in the room since the last batch (about 10 a second), volatile. */
  'presence:cursors': (msg: { cursors: CursorPosition[] }) => void;
  'presence:selection': (msg: { id: string; nodeIds: string[] }) => void;
  'presence:viewport': (msg: { id: string; x: number; y: number; zoom: number }) => void;
  'job:event': (msg: JobEventMessage) => void;
  /** Your role on the design changed (a share link was revoked): `role` null means you lost access and left the room. */
  'access:changed': (msg: { designId: string; role: Role | null }) => void;
}
