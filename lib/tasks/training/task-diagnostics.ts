/**
 * Can this design train on that task? Every reason it cannot, in the
 * learner's terms and placed on the node to change, for the task picker,
 * the Train button and the train job alike.
 */
import type { DesignDocument } from '../../design/document.ts';
import { validateDesign, type ValidationResult } from '../../design/validate.ts';
import { taskFit, type FitProblemCode } from '../fit.ts';
import { getTask } from '../registry.ts';
import type { Task } from '../task.ts';
import { designIO, type DesignWiring, type WiringProblemCode } from './design-io.ts';

/** Why a design cannot train on a task. */
export type TaskProblemCode = 'unknown-task' | 'invalid-design' | WiringProblemCode | FitProblemCode;

/** One reason, with a hint; `nodeId` is where the UI shows it, when one node is to blame. */
export interface TaskProblem {
  code: TaskProblemCode;
  message: string;
  hint: string;
  nodeId?: string;
}

/** A design and task that fit (with the wiring to train through), or every reason they do not. */
export type TaskMatch = { ok: true; task: Task; wiring: DesignWiring } | { ok: false; problems: TaskProblem[] };

const INPUT_CODES = new Set<TaskProblemCode>(['input-kind', 'vocab-too-small', 'seq-len-too-short', 'features-mismatch']);
const HEAD_CODES = new Set<TaskProblemCode>(['output-kind', 'output-vocab-too-small', 'too-few-classes', 'outputs-mismatch', 'horizon-mismatch']);

/** Matches a design with a task (a name or a Task), validating the design unless its validation is given. */
export function matchTask(doc: DesignDocument, task: string | Task, validation: ValidationResult = validateDesign(doc)): TaskMatch {
  let resolved: Task;
  if (typeof task === 'string') {
    const found = getTask(task);
    if (!found.ok) return { ok: false, problems: [{ code: 'unknown-task', message: found.message, hint: 'Pick one of the built-in tasks.' }] };
    resolved = found.task;
  } else {
    resolved = task;
  }
  if (!validation.ok) {
    const errors = validation.diagnostics.filter((d) => d.severity === 'error');
    return {
      ok: false,
      problems: [
        {
          code: 'invalid-design',
          message: `The design has ${errors.length === 1 ? 'an error' : `${errors.length} errors`} to fix before it can train: ${errors[0]?.message ?? 'see the diagnostics'}`,
          hint: errors[0]?.hint ?? 'Fix the errors shown on the canvas.',
          ...(errors[0]?.nodeId !== undefined ? { nodeId: errors[0].nodeId } : {}),
        },
      ],
    };
  }
  const io = designIO(doc, validation);
  if (!io.ok) return { ok: false, problems: io.problems };
  const { wiring } = io;
  const problems: TaskProblem[] = taskFit(resolved, wiring.io).map((p) => {
    const nodeId = INPUT_CODES.has(p.code)
      ? wiring.inputId
      : p.code === 'target-seq-len-too-short'
        ? (wiring.targetInputId ?? undefined)
        : HEAD_CODES.has(p.code)
          ? wiring.headId
          : undefined;
    return nodeId === undefined ? { ...p } : { ...p, nodeId };
  });
  return problems.length === 0 ? { ok: true, task: resolved, wiring } : { ok: false, problems };
}

/** Every reason `doc` cannot train on the task called `taskName`; empty when it can. */
export function taskDiagnostics(doc: DesignDocument, taskName: string, validation?: ValidationResult): TaskProblem[] {
  const match = matchTask(doc, taskName, validation);
  return match.ok ? [] : match.problems;
}
