/**
 * What a built-in task is: the data it declares about the design it needs
 * (input, head, loss, metrics, lengths) and the two ways it samples batches.
 *
 * Framings, because designs come in two shapes:
 * - same-length (every task): one input sequence and one target per position
 *   (or one class per example, or a forecast). For encoder-only,
 *   decoder-only and LSTM designs.
 * - seq2seq (copy, reverse, sort, addition only): source, decoder input that
 *   starts with BOS (teacher forcing) and decoder target that ends with EOS.
 *   For encoder–decoder designs. The language model, forecasting and
 *   classification tasks have `seq2seq: null`.
 */
import type { Rng, Tensor } from '../tensor/index.ts';
import type { ActivitySignal } from './activity-signals.ts';
import type { SineComponent } from './sine-mixture.ts';
import type { Vocabulary } from './vocabulary.ts';

/** What a task feeds the design: token ids [B, T] or real-valued series [B, T, F]. */
export type TaskInput = { kind: 'tokens'; vocab: number; seqLen: number } | { kind: 'series'; features: number; seqLen: number };

/** What the design's head must produce: logits per position, class logits, or a forecast. */
export type TaskOutput =
  | { kind: 'tokens'; vocab: number }
  | { kind: 'classes'; count: number }
  | { kind: 'regression'; outputs: number; horizon: number };

/** The training loss, as PyTorch would compute it. */
export type TaskLoss = { kind: 'cross-entropy'; ignoreIndex: number } | { kind: 'mse' };

/** The metrics a task reports; the first one a task lists is its headline. */
export type MetricName = 'token-accuracy' | 'sequence-accuracy' | 'class-accuracy' | 'mae' | 'rmse';

/** The two batch layouts: see the module comment. */
export type Framing = 'same-length' | 'seq2seq';

/** Lengths of the seq2seq framing: source [B, sourceLen], decoder input and target [B, targetLen]. */
export interface Seq2SeqLengths {
  sourceLen: number;
  targetLen: number;
}

/** Lengths a design asks for; each must be at least the task's own (shorter ones throw), longer ones pad or lengthen the window. */
export interface BatchLengths {
  seqLen?: number;
  sourceLen?: number;
  targetLen?: number;
}

/** Inputs [B, T] int32 or [B, T, F] float32 and targets [B, T] int32 (−100 = none), [B] class ids or [B, horizon, outputs]. */
export interface SameLengthBatch {
  inputs: Tensor;
  targets: Tensor;
}

/** Source [B, S], decoder input [B, T] (BOS first) and decoder target [B, T] (EOS last, −100 on padding), all int32. */
export interface Seq2SeqBatch {
  source: Tensor;
  targetInput: Tensor;
  targetOutput: Tensor;
}

/** What one example of a batch was made from, for sample descriptions and for checking the targets. */
export type TaskExample =
  | { kind: 'token-pair'; source: readonly number[]; target: readonly number[] }
  | { kind: 'text-window'; start: number; text: string }
  | { kind: 'sine-mixture'; components: readonly SineComponent[] }
  | { kind: 'activity'; signal: ActivitySignal };

/** One batch in every framing the task offers; row b of each tensor is examples[b]. */
export interface TaskBatch {
  size: number;
  sameLength: SameLengthBatch;
  /** Null for tasks that offer only the same-length framing. */
  seq2seq: Seq2SeqBatch | null;
  examples: readonly TaskExample[];
}

/** Training settings that learn the task in seconds with a tiny model (d_model 32, one or two layers). */
export interface TaskDefaults {
  batchSize: number;
  steps: number;
  learningRate: number;
  /** Examples in the fixed evaluation batch. */
  evaluationSize: number;
  /** The design template (lib/design/templates) to start from, or null when none fits as is. */
  template: string | null;
}

/** A built-in task: what it needs from a design, declared as data, and how it samples batches. */
export interface Task {
  readonly name: string;
  readonly title: string;
  /** One sentence: what the model has to do. */
  readonly description: string;
  /** What training this task reveals about a design choice. */
  readonly teaching: string;
  /** The same-length framing's input; its seqLen and vocab are also the suggested design sizes. */
  readonly input: TaskInput;
  readonly output: TaskOutput;
  readonly loss: TaskLoss;
  readonly metrics: readonly MetricName[];
  /** The seq2seq framing's lengths, or null when the task offers only the same-length framing. */
  readonly seq2seq: Seq2SeqLengths | null;
  /** Token meanings for token tasks, null for series tasks. */
  readonly vocabulary: Vocabulary | null;
  /** Class names (index = class id) for classification tasks, else null. */
  readonly classNames: readonly string[] | null;
  readonly defaults: TaskDefaults;
  /** A training batch drawn from `rng`: the same seed gives the same batch; never an evaluation example where that matters. */
  sampleBatch(batchSize: number, rng: Rng, lengths?: BatchLengths): TaskBatch;
  /** The fixed evaluation batch (defaults.evaluationSize examples from the task's own stream), identical for every run. */
  evaluationBatch(lengths?: BatchLengths): TaskBatch;
}

/** The length to build a batch with: the design's when given, never shorter than the task needs. */
export function resolveLength(what: string, required: number, requested: number | undefined): number {
  if (requested === undefined) return required;
  if (!Number.isInteger(requested) || requested < required) {
    throw new Error(`${what} must be an integer of at least ${required}, got ${requested}`);
  }
  return requested;
}

/** Throws unless the batch size is a positive integer. */
export function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer, got ${batchSize}`);
}
