'use client';

import { useMemo, useState } from 'react';
import type { DesignDocument } from '@/lib/design/document';
import type { ValidationResult } from '@/lib/design/validate';
import type { Participant } from '@/lib/protocol/messages';
import { listTasks } from '@/lib/tasks/registry';
import type { Task } from '@/lib/tasks/task';
import { matchTask, type TaskProblem } from '@/lib/tasks/training/task-diagnostics';
import { JobStatus, whoStarted } from './job-status';
import { TrainingCharts } from './training-charts';
import { formatEta, formatMetric, shownTraining } from './train-views';
import type { DesignJobs } from './use-design-jobs';
import { usePanelMemory } from './panel-memory';
import { usePastTrainings } from './use-past-trainings';
import './job-panels.css';

interface TrainPanelProps {
  /** False for viewers and commenters: the server would refuse. */
  mayTrain?: boolean;
  designId: string;
  doc: DesignDocument;
  validation: ValidationResult;
  jobs: DesignJobs;
  participants: readonly Participant[];
  onFocus: (nodeId: string) => void;
}

interface TaskChoice {
  task: Task;
  problems: TaskProblem[];
}

/** The Train tab: pick a task and settings, watch the curves grow with everyone, compare with past runs. */
export function TrainPanel({ designId, doc, validation, jobs, participants, onFocus, mayTrain = true }: TrainPanelProps) {
  const choices = useMemo((): TaskChoice[] => {
    const all = listTasks().map((task) => {
      const match = matchTask(doc, task, validation);
      return { task, problems: match.ok ? [] : match.problems };
    });
    // Tasks this design can train on first, each group in the catalogue's order.
    return [...all.filter((c) => c.problems.length === 0), ...all.filter((c) => c.problems.length > 0)];
  }, [doc, validation]);

  const [taskName, setTaskName] = usePanelMemory<string | null>(`${designId}:train-task`, null);
  const chosen = choices.find((c) => c.task.name === taskName) ?? choices[0];
  const [steps, setSteps] = usePanelMemory<string | null>(`${designId}:train-steps`, null);
  const [learningRate, setLearningRate] = usePanelMemory<string | null>(`${designId}:train-rate`, null);
  const [seed, setSeed] = usePanelMemory<string | null>(`${designId}:train-seed`, null);
  const [refusal, setRefusal] = useState<string | null>(null);

  // Unset fields show the task's defaults (and the design's seed) until someone types.
  const stepsText = steps ?? String(chosen.task.defaults.steps);
  const rateText = learningRate ?? String(chosen.task.defaults.learningRate);
  const seedText = seed ?? String(doc.settings.seed);
  const settings = { steps: Number(stepsText), learningRate: Number(rateText), seed: Number(seedText) };
  const settingsProblem = !Number.isInteger(settings.steps) || settings.steps < 1
    ? 'Steps must be a whole number of at least 1.'
    : !(settings.learningRate > 0 && settings.learningRate <= 10)
      ? 'The learning rate must be above 0 and at most 10.'
      : !Number.isInteger(settings.seed) || settings.seed < 0
        ? 'The seed must be a whole number of at least 0.'
        : null;

  const { trainJob, trainProgress, trainResult, trainFailure, trainCancelled } = jobs;
  // Kept the same object between renders unless a job event changed it, so the charts redraw only then.
  const shown = useMemo(
    () =>
      shownTraining(
        trainJob && trainJob.state === 'running' ? { jobId: trainJob.job.id, progress: trainProgress } : null,
        trainCancelled && { jobId: trainCancelled.job.id, progress: trainCancelled.progress },
        trainResult,
      ),
    [trainJob, trainProgress, trainCancelled, trainResult],
  );
  const { past, problem: pastProblem } = usePastTrainings(designId, `${trainResult?.jobId ?? ''}|${trainFailure?.message ?? ''}`);
  const reason = !mayTrain
    ? 'Only its editors and owner may train this design.'
    : chosen.problems.length > 0
      ? `This design cannot train on ${chosen.task.title} yet (see below).`
      : trainJob
        ? 'A training of this design is already under way.'
        : settingsProblem;

  const start = async () => {
    setRefusal(null);
    const answer = await jobs.start('train', { task: chosen.task.name, ...settings });
    if (!answer.ok) setRefusal(answer.message);
  };

  const latestEvaluation = shown?.evaluations.at(-1) ?? null;
  return (
    <section className="job-panel" aria-label="Train">
      <div className="train-form">
        <label className="field">
          <span>Task</span>
          <select
            value={chosen.task.name}
            onChange={(e) => {
              setTaskName(e.target.value);
              setSteps(null);
              setLearningRate(null);
            }}
          >
            <TaskOptions label="Fits this design" choices={choices.filter((c) => c.problems.length === 0)} />
            <TaskOptions label="Needs changes to the design" choices={choices.filter((c) => c.problems.length > 0)} />
          </select>
        </label>
        <p className="task-description muted">{chosen.task.description}</p>
        <TaskFit choice={chosen} onFocus={onFocus} />
        <div className="train-settings">
          <label className="field">
            <span>Steps</span>
            <input type="number" min={1} step={1} value={stepsText} onChange={(e) => setSteps(e.target.value)} />
          </label>
          <label className="field">
            <span>Learning rate</span>
            <input type="number" min={0} step="any" value={rateText} onChange={(e) => setLearningRate(e.target.value)} />
          </label>
          <label className="field">
            <span>Seed</span>
            <input type="number" min={0} step={1} value={seedText} onChange={(e) => setSeed(e.target.value)} />
          </label>
        </div>
        <div className="job-actions">
          <button type="button" onClick={() => void start()} disabled={reason !== null} aria-describedby="train-reason">
            Start training
          </button>
          <p id="train-reason" className="muted">
            {reason ?? `${settings.steps} steps of ${chosen.task.title}, seen live by everyone in the room.`}
          </p>
        </div>
      </div>
      {refusal && (
        <p role="alert" className="error-text">
          {refusal}
        </p>
      )}
      {trainJob && <JobStatus active={trainJob} participants={participants} what="Training" onCancel={() => void jobs.cancel(trainJob.job.id)} />}
      {shown && shown.state === 'running' && <TrainingProgressBar step={shown.step} totalSteps={shown.totalSteps} etaMs={trainProgress?.etaMs ?? null} />}
      {trainCancelled && !trainJob && (
        <p className="muted" role="status">
          {trainCancelled.progress
            ? `Training cancelled at step ${trainCancelled.progress.step} of ${trainCancelled.progress.totalSteps}`
            : 'Training cancelled before its first step'}{' '}
          by {whoStarted(trainCancelled.by, participants)}.
        </p>
      )}
      {trainFailure && !trainJob && (
        <p role="alert" className="error-text">
          The last training failed: {trainFailure.message}
        </p>
      )}
      {trainResult?.result.diverged && shown?.jobId === trainResult.jobId && (
        <p role="alert" className="error-text">
          {trainResult.result.diverged.message}
        </p>
      )}
      <TrainingCharts designId={designId} shown={shown} past={past} />
      {pastProblem && <p className="error-text">{pastProblem}</p>}
      {latestEvaluation && (
        <section aria-label="Latest evaluation" className="evaluation">
          <h3>
            Evaluation at step {latestEvaluation.step}
            <span className="muted"> · loss {latestEvaluation.loss.toPrecision(3)}</span>
          </h3>
          <p className="metrics">
            {latestEvaluation.metrics.map((m) => (
              <span key={m.name}>
                {m.label} <strong>{formatMetric(m.name, m.value)}</strong>
              </span>
            ))}
          </p>
          <ul className="samples" aria-label="Sample predictions">
            {latestEvaluation.samples.map((s, i) => (
              <li key={i} data-correct={s.correct === null ? undefined : String(s.correct)}>
                <div>
                  <span className="muted">in</span> <code>{s.input}</code>
                </div>
                <div>
                  <span className="muted">want</span> <code>{s.target}</code>
                </div>
                <div>
                  <span className="muted">got</span> <code>{s.predicted}</code>{' '}
                  {s.correct !== null && <span className="verdict">{s.correct ? '✓ right' : '✗ wrong'}</span>}
                </div>
                {s.note && <div className="muted note">{s.note}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function TaskOptions({ label, choices }: { label: string; choices: TaskChoice[] }) {
  if (choices.length === 0) return null;
  return (
    <optgroup label={label}>
      {choices.map((c) => (
        <option key={c.task.name} value={c.task.name}>
          {c.task.title}
          {c.problems.length > 0 ? ' (does not fit yet)' : ''}
        </option>
      ))}
    </optgroup>
  );
}

/** Whether the design fits the chosen task, and what to change where when it does not. */
function TaskFit({ choice, onFocus }: { choice: TaskChoice; onFocus: (nodeId: string) => void }) {
  if (choice.problems.length === 0) {
    return (
      <p className="task-fit" data-fits="true" role="note" aria-label="Task fit">
        ✓ This design fits {choice.task.title}.
      </p>
    );
  }
  return (
    <div className="task-fit" data-fits="false" role="note" aria-label="Task fit">
      <p>This design does not fit {choice.task.title} yet:</p>
      <ul>
        {choice.problems.map((p, i) => (
          <li key={`${p.code}-${i}`}>
            {p.nodeId ? (
              <button type="button" className="link" onClick={() => onFocus(p.nodeId!)}>
                {p.message}
              </button>
            ) : (
              p.message
            )}
            <span className="hint muted"> {p.hint}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TrainingProgressBar({ step, totalSteps, etaMs }: { step: number; totalSteps: number; etaMs: number | null }) {
  const share = totalSteps > 0 ? step / totalSteps : 0;
  return (
    <div className="train-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={totalSteps}
        aria-valuenow={step}
        aria-valuetext={totalSteps > 0 ? `Step ${step} of ${totalSteps}` : 'Starting'}
      >
        <div className="progress-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <p className="muted">
        {totalSteps > 0 ? `Step ${step} of ${totalSteps}` : 'Starting…'}
        {etaMs !== null && step > 0 && step < totalSteps ? ` · ${formatEta(etaMs)} left` : ''}
      </p>
    </div>
  );
}
