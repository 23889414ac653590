/**
 * One training run of a design on a built-in task, one optimisation step at a
 * time, so that whoever drives it (a worker, a test, the CLI) can report
 * progress and stop between steps. Everything random comes from the seed:
 * the weights (the compiler's per-node streams), the batches and dropout,
 * so the same design, task and settings give bit-identical losses.
 */
import { compileDesign, type CompiledModel, type RunCaps } from '../../compile/index.ts';
import type { DesignDocument } from '../../design/document.ts';
import { validateDesign } from '../../design/validate.ts';
import { concat, crossEntropy, noGrad, reshape, Rng, slice, type Tensor } from '../../tensor/index.ts';
import { Adam, AdamW, clipGradNorm, type LrSchedule, type Optimizer } from '../../tensor/optim/index.ts';
import { describeSample, type SampleDescription } from '../describe.ts';
import { taskLoss } from '../loss.ts';
import { evaluateTask, type MetricResult } from '../metrics.ts';
import { getTask } from '../registry.ts';
import type { BatchLengths, Framing, Task, TaskBatch } from '../task.ts';
import type { DesignWiring } from './design-io.ts';
import { trainingSchedule } from './learning-rate.ts';
import { batchLengths, framingOf, modelFeed } from './model-feed.ts';
import { matchTask, type TaskProblem } from './task-diagnostics.ts';

/** What to train with; the optional fields default as documented. */
export interface TrainingOptions {
  steps: number;
  /** The peak rate (see trainingSchedule). */
  learningRate: number;
  seed: number;
  /** Default: the task's batch size. */
  batchSize?: number;
  /** The paper's warm-up over this many steps; 0 (default) = a constant rate. */
  warmupSteps?: number;
  /** Default 'adam'; both with PyTorch's defaults (AdamW: weight decay 0.01). */
  optimizer?: 'adam' | 'adamw';
  /** Cross-entropy label smoothing, as in the paper (default 0); ignored by regression tasks. */
  labelSmoothing?: number;
  /** Limits on the model, checked at the training batch size (default: the compiler's). */
  caps?: Partial<RunCaps>;
  /** Sample predictions per evaluation (default 3). */
  samples?: number;
}

/** The settings a run actually uses, every default filled in. */
export interface TrainingSettings {
  steps: number;
  learningRate: number;
  seed: number;
  batchSize: number;
  warmupSteps: number;
  optimizer: 'adam' | 'adamw';
  labelSmoothing: number;
  /** The global gradient norm is clipped to this before each update. */
  clipNorm: number;
}

/** What one optimisation step did. */
export interface TrainingStep {
  /** 1-based. */
  step: number;
  /** Training loss on this step's batch (label smoothing included); NaN or ∞ when training diverged. */
  loss: number;
  learningRate: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

/** The model on the task's held-out evaluation batch after `step` steps. */
export interface TrainingEvaluation {
  step: number;
  /** The task's loss on the evaluation batch (no label smoothing). */
  loss: number;
  /** The task's metrics, headline first. */
  metrics: MetricResult[];
  samples: SampleDescription[];
}

/** Why a run could not be created: a code for programs, a sentence for people, the task problems when there are some. */
export interface TrainingRefusal {
  ok: false;
  code: 'bad-options' | 'unknown-task' | 'invalid-design' | 'task-mismatch' | 'too-large' | 'unsupported';
  message: string;
  problems?: TaskProblem[];
}

/** A run ready to step, or why there is none. */
export type TrainingRunOutcome = { ok: true; run: TrainingRun } | TrainingRefusal;

const CLIP_NORM = 1.0;
const DEFAULT_SAMPLES = 3;

/** Checks the design against the task and the caps, compiles it from the seed and sets up the optimiser. */
export function createTrainingRun(doc: DesignDocument, task: string | Task, options: TrainingOptions): TrainingRunOutcome {
  const bad = badOption(options);
  if (bad) return { ok: false, code: 'bad-options', message: bad };
  const found = typeof task === 'string' ? getTask(task) : { ok: true as const, task };
  if (!found.ok) return { ok: false, code: 'unknown-task', message: found.message };
  const batchSize = options.batchSize ?? found.task.defaults.batchSize;
  // Shapes and caps are those of the training batch, not of the design's sample batch.
  const trainingDoc: DesignDocument = { ...doc, settings: { ...doc.settings, batchSize } };
  const match = matchTask(trainingDoc, found.task, validateDesign(trainingDoc));
  if (!match.ok) {
    const [first] = match.problems;
    const more = match.problems.length > 1 ? ` (and ${match.problems.length - 1} more)` : '';
    return { ok: false, code: first.code === 'invalid-design' ? 'invalid-design' : 'task-mismatch', message: `${first.message} ${first.hint}${more}`, problems: match.problems };
  }
  const settings: TrainingSettings = {
    steps: options.steps,
    learningRate: options.learningRate,
    seed: options.seed,
    batchSize,
    warmupSteps: options.warmupSteps ?? 0,
    optimizer: options.optimizer ?? 'adam',
    labelSmoothing: match.task.loss.kind === 'cross-entropy' ? (options.labelSmoothing ?? 0) : 0,
    clipNorm: CLIP_NORM,
  };
  const compiled = compileDesign(trainingDoc, { seed: settings.seed, caps: options.caps });
  if (!compiled.ok) return { ok: false, code: compiled.code, message: compiled.message };
  return { ok: true, run: new TrainingRun(compiled.model, match.task, match.wiring, settings, options.samples ?? DEFAULT_SAMPLES) };
}

function badOption(o: TrainingOptions): string | null {
  const positiveInt = (v: number | undefined) => v === undefined || (Number.isInteger(v) && v >= 1);
  if (!positiveInt(o.steps)) return `steps must be a positive integer, got ${o.steps}`;
  if (!(Number.isFinite(o.learningRate) && o.learningRate > 0)) return `the learning rate must be a positive number, got ${o.learningRate}`;
  if (!(Number.isInteger(o.seed) && o.seed >= 0)) return `the seed must be a non-negative integer, got ${o.seed}`;
  if (!positiveInt(o.batchSize)) return `the batch size must be a positive integer, got ${o.batchSize}`;
  if (o.warmupSteps !== undefined && !(Number.isInteger(o.warmupSteps) && o.warmupSteps >= 0)) return `warm-up steps must be a whole number, got ${o.warmupSteps}`;
  if (o.labelSmoothing !== undefined && !(o.labelSmoothing >= 0 && o.labelSmoothing < 1)) return `label smoothing must be in [0, 1), got ${o.labelSmoothing}`;
  return null;
}

/** A compiled design learning a task; build it with createTrainingRun. */
export class TrainingRun {
  readonly framing: Framing;
  private readonly lengths: BatchLengths;
  private readonly optimizer: Optimizer;
  private readonly schedule: LrSchedule;
  private readonly batches: Rng;
  private evaluationBatch: TaskBatch | null = null;
  private done = 0;

  constructor(
    readonly model: CompiledModel,
    readonly task: Task,
    readonly wiring: DesignWiring,
    readonly settings: TrainingSettings,
    private readonly sampleCount: number,
  ) {
    this.framing = framingOf(wiring);
    this.lengths = batchLengths(wiring);
    const Kind = settings.optimizer === 'adamw' ? AdamW : Adam;
    this.optimizer = new Kind(model.parameters(), { lr: settings.learningRate });
    this.schedule = trainingSchedule(settings.learningRate, settings.warmupSteps);
    // Its own stream, so that the batches do not change when the weights' streams do.
    this.batches = new Rng(settings.seed ^ 0x7a5b_0001);
  }

  /** Steps taken so far. */
  get stepsDone(): number {
    return this.done;
  }

  /** Trainable parameters of the model. */
  get params(): number {
    return this.model.cost.total.params;
  }

  /**
   * One optimisation step on a fresh batch: forward in training mode, the
   * task's loss, backward, clip the global gradient norm to 1, then Adam(W)
   * at the scheduled rate. A non-finite loss is returned without updating,
   * so the weights stay as they were for a last evaluation.
   */
  step(): TrainingStep {
    if (this.done >= this.settings.steps) throw new Error(`this run has taken all of its ${this.settings.steps} steps`);
    const step = ++this.done;
    const { inputs, targets } = modelFeed(this.wiring, this.task.sampleBatch(this.settings.batchSize, this.batches, this.lengths));
    const predictions = this.model.forward(inputs, { training: true }).outputs[this.wiring.headId].out;
    const loss = this.loss(predictions, targets, this.settings.labelSmoothing);
    const value = loss.item();
    const learningRate = this.schedule(step);
    this.optimizer.zeroGrad();
    if (!Number.isFinite(value)) return { step, loss: value, learningRate, gradNorm: NaN };
    loss.backward();
    const gradNorm = clipGradNorm(this.optimizer.params, this.settings.clipNorm);
    this.optimizer.lr = learningRate;
    this.optimizer.step();
    this.optimizer.zeroGrad(); // frees the gradients until the next step
    return { step, loss: value, learningRate, gradNorm };
  }

  /** The task's loss, metrics and a few described predictions on its fixed held-out batch. */
  evaluate(): TrainingEvaluation {
    const batch = (this.evaluationBatch ??= this.task.evaluationBatch(this.lengths));
    const { inputs, targets } = modelFeed(this.wiring, batch);
    const predictions = noGrad(() => this.predict(inputs, batch.size));
    const samples = Array.from({ length: Math.min(this.sampleCount, batch.size) }, (_, index) =>
      describeSample(this.task, batch, predictions, { framing: this.framing, index }),
    );
    return {
      step: this.done,
      loss: noGrad(() => this.loss(predictions, targets, 0).item()),
      metrics: evaluateTask(this.task, predictions, batch, this.framing),
      samples,
    };
  }

  /** The head's output on a batch in evaluation mode, in slices of the training batch size so that no tensor outgrows the caps. */
  private predict(inputs: Record<string, Tensor>, size: number): Tensor {
    const parts: Tensor[] = [];
    for (let start = 0; start < size; start += this.settings.batchSize) {
      const end = Math.min(size, start + this.settings.batchSize);
      const chunk = Object.fromEntries(Object.entries(inputs).map(([id, t]) => [id, slice(t, 0, start, end)]));
      parts.push(this.model.forward(chunk, { training: false }).outputs[this.wiring.headId].out);
    }
    return parts.length === 1 ? parts[0] : concat(parts, 0);
  }

  private loss(predictions: Tensor, targets: Tensor, labelSmoothing: number): Tensor {
    const { loss } = this.task;
    if (loss.kind === 'mse' || labelSmoothing === 0) return taskLoss(this.task, predictions, targets);
    // taskLoss has no smoothing; the same cross-entropy with it, as torch.nn.CrossEntropyLoss(label_smoothing=ε).
    const classes = predictions.shape[predictions.ndim - 1];
    return crossEntropy(reshape(predictions, [-1, classes]), reshape(targets, [-1]), { ignoreIndex: loss.ignoreIndex, labelSmoothing });
  }
}
