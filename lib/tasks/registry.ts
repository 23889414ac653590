/** The built-in tasks by name, as plain data for the picker and as Task objects for training. */
import { activityClassificationTask } from './activity-classification.ts';
import { additionTask } from './addition.ts';
import { copyTask } from './copy.ts';
import { characterLanguageModelTask } from './language-model.ts';
import { reverseTask } from './reverse.ts';
import { sineForecastingTask } from './sine-forecasting.ts';
import { sortTask } from './sort.ts';
import type { MetricName, Seq2SeqLengths, Task, TaskDefaults, TaskInput, TaskLoss, TaskOutput } from './task.ts';

const TASKS: readonly Task[] = [
  copyTask(),
  reverseTask(),
  sortTask(),
  additionTask(),
  characterLanguageModelTask(),
  sineForecastingTask(),
  activityClassificationTask(),
];

/** Every built-in task, in the order the picker shows them. */
export function listTasks(): readonly Task[] {
  return TASKS;
}

/** A task by name, or a reason a person can read. */
export type TaskLookup = { ok: true; task: Task } | { ok: false; code: 'unknown-task'; message: string };

/** The built-in task called `name`. */
export function getTask(name: string): TaskLookup {
  const task = TASKS.find((t) => t.name === name);
  if (!task) return { ok: false, code: 'unknown-task', message: `no task '${name}'; known: ${TASKS.map((t) => t.name).join(', ')}` };
  return { ok: true, task };
}

/** What a client needs to show a task, as JSON-safe data. */
export interface TaskInfo {
  name: string;
  title: string;
  description: string;
  teaching: string;
  input: TaskInput;
  output: TaskOutput;
  loss: TaskLoss;
  metrics: MetricName[];
  seq2seq: Seq2SeqLengths | null;
  /** Token symbols by id, for token tasks. */
  symbols: string[] | null;
  classNames: string[] | null;
  defaults: TaskDefaults;
}

/** The data part of a task (no functions), safe to send over the wire. */
export function taskInfo(task: Task): TaskInfo {
  return {
    name: task.name,
    title: task.title,
    description: task.description,
    teaching: task.teaching,
    input: { ...task.input },
    output: { ...task.output },
    loss: { ...task.loss },
    metrics: [...task.metrics],
    seq2seq: task.seq2seq && { ...task.seq2seq },
    symbols: task.vocabulary && [...task.vocabulary.symbols],
    classNames: task.classNames && [...task.classNames],
    defaults: { ...task.defaults },
  };
}
