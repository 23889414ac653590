/** `multihead train FILE --task NAME --steps N [--seed S] [--out W.safetensors]`: the editor's Train, without the browser. */
import { encodeModelWeights } from '../../lib/export/index.ts';
import { createTrainingRun, type TrainingEvaluation } from '../../lib/tasks/index.ts';
import { ExitCode } from './exit-code.ts';
import { compact, duration } from './format.ts';
import type { CliIo } from './io.ts';
import { writeOutput } from './model-files.ts';
import { ProgressBar, timeLeft } from './progress-bar.ts';
import { readDesignFile } from './read-design.ts';
import type { Style } from './style.ts';

/** What `train` was asked to do. */
export interface TrainOptions {
  file: string;
  task: string;
  steps: number;
  seed?: number;
  out?: string;
}

/** Evaluations besides the one before training, as the editor's train job: every tenth of the run, the last at the end. */
const EVALUATIONS = 10;

function metricsText(evaluation: TrainingEvaluation): string {
  return evaluation.metrics.map((m) => `${m.label.toLowerCase()} ${m.value.toFixed(3)}`).join(', ');
}

/**
 * Trains and reports: a progress bar and a summary on a terminal, JSON lines
 * when piped. Exit 0 when trained (and the weights written), 1 when the
 * design cannot learn the task or training diverged, 2 for unusable files.
 */
export async function trainCommand(options: TrainOptions, io: CliIo, style: Style): Promise<ExitCode> {
  const read = await readDesignFile(options.file, io);
  if (!read.ok) {
    io.stderr(`${read.message}\n`);
    return ExitCode.usage;
  }
  const doc = read.doc;
  const defaults = doc.settings.training;
  const outcome = createTrainingRun(doc, options.task, {
    steps: options.steps,
    learningRate: defaults.learningRate,
    seed: options.seed ?? doc.settings.seed,
    warmupSteps: defaults.warmupSteps,
    optimizer: defaults.optimizer,
    labelSmoothing: defaults.labelSmoothing,
  });
  if (!outcome.ok) {
    io.stderr(`${options.file}: cannot train on '${options.task}' (${outcome.code}): ${outcome.message}\n`);
    return outcome.code === 'unknown-task' || outcome.code === 'bad-options' ? ExitCode.usage : ExitCode.invalid;
  }
  const { run } = outcome;
  const total = run.settings.steps;
  const every = Math.max(1, Math.ceil(total / EVALUATIONS));
  const lines = !io.interactive;
  const emit = (event: object) => io.stdout(`${JSON.stringify(event)}\n`);
  const started = performance.now();
  const bar = new ProgressBar((text) => io.stdout(text), total);

  if (lines) emit({ event: 'start', task: run.task.name, params: run.params, settings: run.settings });
  else io.stdout(`${style.bold(`Training ${options.file} on '${run.task.name}'`)}: ${total} steps, batch ${run.settings.batchSize}, ${run.settings.optimizer}, lr ${run.settings.learningRate}, seed ${run.settings.seed}, ${compact(run.params)} parameters\n`);
  const first = run.evaluate();
  if (lines) emit({ event: 'evaluation', ...first });
  else io.stdout(`  before training: loss ${first.loss.toFixed(4)}, ${metricsText(first)}\n`);

  let last = first;
  let diverged: string | null = null;
  while (run.stepsDone < total) {
    const { step, loss, learningRate, gradNorm } = run.step();
    const elapsedMs = performance.now() - started;
    if (!Number.isFinite(loss)) {
      diverged = `the loss became ${loss} at step ${step}: training diverged. Try a smaller learning rate, a warm-up, or pre-LN blocks.`;
      break;
    }
    if (lines) emit({ event: 'step', step, totalSteps: total, loss, learningRate, gradNorm, elapsedMs: Math.round(elapsedMs) });
    else bar.update(step, `step ${step}/${total}  loss ${loss.toFixed(4)}  ${timeLeft(elapsedMs, step, total)}`);
    if (step % every === 0 || step === total) {
      last = run.evaluate();
      if (lines) emit({ event: 'evaluation', ...last });
    }
  }
  bar.finish();
  const elapsedMs = performance.now() - started;
  if (diverged) {
    if (lines) emit({ event: 'diverged', step: run.stepsDone + 1, message: diverged });
    io.stderr(`${options.file}: ${diverged}${options.out ? ` No weights were written to ${options.out}.` : ''}\n`);
    return ExitCode.invalid;
  }
  if (options.out !== undefined) {
    const weights = encodeModelWeights(run.model, { task: run.task.name, steps: String(run.stepsDone), seed: String(run.settings.seed) });
    if (!(await writeOutput(options.out, weights, io))) return ExitCode.usage;
  }
  if (lines) {
    emit({ event: 'done', steps: run.stepsDone, elapsedMs: Math.round(elapsedMs), loss: last.loss, metrics: last.metrics, samples: last.samples, weights: options.out ?? null });
  } else {
    io.stdout(`  after ${run.stepsDone} steps: loss ${last.loss.toFixed(4)}, ${metricsText(last)}\n`);
    for (const sample of last.samples) io.stdout(`    ${sample.correct === false ? style.red('✗') : style.green('✓')} ${sample.input} → ${sample.predicted}${sample.note ? style.dim(`  (${sample.note})`) : ''}\n`);
    io.stdout(style.green(`✓ trained in ${duration(elapsedMs)}`) + (options.out ? `; weights saved to ${options.out}` : '') + '\n');
  }
  return ExitCode.ok;
}
