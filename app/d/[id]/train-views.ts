import { z } from 'zod';
import type { TrainProgress, TrainResult } from '@/lib/protocol/messages';
import type { LossPoint, TrainingEvaluation } from '@/lib/tasks/training/index';

/** What the Train panel shows of trainings, derived as plain data. */

/** The training on the chart: the one running, else one just cancelled, else the latest finished. */
export interface ShownTraining {
  jobId: string;
  state: 'running' | 'cancelled' | 'finished';
  step: number;
  totalSteps: number;
  lossCurve: LossPoint[];
  evaluations: TrainingEvaluation[];
}

export function shownTraining(
  running: { jobId: string; progress: TrainProgress | null } | null,
  cancelled: { jobId: string; progress: TrainProgress | null } | null,
  finished: { jobId: string; result: TrainResult } | null,
): ShownTraining | null {
  const fromProgress = (jobId: string, p: TrainProgress, state: 'running' | 'cancelled'): ShownTraining => ({
    jobId,
    state,
    step: p.step,
    totalSteps: p.totalSteps,
    lossCurve: p.lossCurve,
    evaluations: p.evaluations,
  });
  if (running?.progress) return fromProgress(running.jobId, running.progress, 'running');
  if (running) return { jobId: running.jobId, state: 'running', step: 0, totalSteps: 0, lossCurve: [], evaluations: [] };
  if (cancelled?.progress) return fromProgress(cancelled.jobId, cancelled.progress, 'cancelled');
  if (finished) {
    const r = finished.result;
    return { jobId: finished.jobId, state: 'finished', step: r.steps, totalSteps: r.totalSteps, lossCurve: r.lossCurve, evaluations: r.evaluations };
  }
  return null;
}

/** The headline metric (the task's first) of each evaluation, as [step, value] points, with its label. */
type EvaluationMetrics = ReadonlyArray<Pick<TrainingEvaluation, 'step'> & { metrics: ReadonlyArray<{ name: string; label: string; value: number; better: 'higher' | 'lower' }> }>;

export function headlineCurve(evaluations: EvaluationMetrics): { label: string; higherIsBetter: boolean; points: Array<[number, number]> } | null {
  const first = evaluations.find((e) => e.metrics.length > 0)?.metrics[0];
  if (!first) return null;
  const points = evaluations.flatMap((e): Array<[number, number]> => {
    const m = e.metrics.find((x) => x.name === first.name);
    return m && Number.isFinite(m.value) ? [[e.step, m.value]] : [];
  });
  return { label: first.label, higherIsBetter: first.better === 'higher', points };
}

/** Loss points as [step, loss] pairs, dropping any that are not finite (a log axis cannot show them). */
export function lossPoints(curve: readonly LossPoint[]): Array<[number, number]> {
  return curve.filter((p) => Number.isFinite(p.loss) && p.loss > 0).map((p) => [p.step, p.loss]);
}

/** A metric value as people read it: accuracies in percent, errors as numbers. */
export function formatMetric(name: string, value: number): string {
  return name.endsWith('accuracy') ? `${(value * 100).toFixed(1)} %` : value.toPrecision(3);
}

/** A remaining time in words: "about 4 s", "about 2 min 10 s". */
export function formatEta(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  const s = Math.round(ms / 1000);
  if (s < 1) return 'under a second';
  if (s < 60) return `about ${s} s`;
  const m = Math.floor(s / 60);
  return `about ${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
}

/** The answer of GET /api/designs/[id]/runs, checked. */
export const RunList = z.object({
  ok: z.literal(true),
  runs: z.array(
    z.object({ id: z.string(), kind: z.string(), outcome: z.enum(['result', 'failed', 'cancelled']), requestedBy: z.string(), finishedAt: z.string() }),
  ),
});
export type RunSummary = z.infer<typeof RunList>['runs'][number];

const Point = z.object({ step: z.number(), loss: z.number() });
const Evaluation = z.object({
  step: z.number(),
  loss: z.number(),
  metrics: z.array(z.object({ name: z.string(), label: z.string(), value: z.number(), count: z.number(), better: z.enum(['higher', 'lower']) })),
  samples: z.array(z.unknown()),
});

/** The part of a stored training result (GET …/runs/[runId]) that past-run overlays use, checked. */
export const StoredTraining = z.object({
  ok: z.literal(true),
  run: z.object({
    type: z.literal('result'),
    job: z.object({ id: z.string(), kind: z.literal('train') }),
    result: z.object({
      task: z.string(),
      params: z.number(),
      steps: z.number(),
      totalSteps: z.number(),
      settings: z.object({ learningRate: z.number(), seed: z.number() }),
      lossCurve: z.array(Point),
      evaluations: z.array(Evaluation),
    }),
  }),
});
export type StoredTraining = z.infer<typeof StoredTraining>['run']['result'];

function timeOf(finishedAt: string): string {
  const at = new Date(finishedAt);
  return Number.isNaN(at.getTime()) ? finishedAt : at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A past training as a chart legend names it: short enough for a narrow panel. */
export function pastRunLegend(finishedAt: string, run: StoredTraining): string {
  return `${timeOf(finishedAt)} (${run.steps} steps)`;
}

/** A past training as the overlay list names it: when, which task, how long, at which rate. */
export function pastRunLabel(finishedAt: string, run: StoredTraining, taskTitle: string): string {
  const time = timeOf(finishedAt);
  const steps = run.steps === run.totalSteps ? `${run.steps} steps` : `${run.steps}/${run.totalSteps} steps`;
  return `${time} · ${taskTitle} · ${steps} · lr ${run.settings.learningRate} · seed ${run.settings.seed}`;
}
