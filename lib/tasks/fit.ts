/**
 * Does a design fit a task? The answer is a list of problems, each saying
 * what does not match in the learner's terms (the node names of the palette)
 * and how to change the design. Bigger than needed is fine (a vocabulary,
 * a sequence length, a class count); smaller or different is not.
 */
import type { Task, TaskInput, TaskOutput } from './task.ts';

/** What a design reads and produces, as lib/design's shape inference sees it. */
export interface DesignIO {
  /** For an encoder–decoder design, the encoder's (source) input. */
  input: TaskInput;
  output: TaskOutput;
  /** True for an encoder–decoder design (source + shifted target), false for encoder-only, decoder-only and LSTM designs. */
  seq2seq: boolean;
  /** The decoder's token input length of an encoder–decoder design; checked when given. */
  targetSeqLen?: number;
}

/** Why a design does not fit a task. */
export type FitProblemCode =
  | 'seq2seq-not-offered'
  | 'input-kind'
  | 'vocab-too-small'
  | 'seq-len-too-short'
  | 'target-seq-len-too-short'
  | 'features-mismatch'
  | 'output-kind'
  | 'output-vocab-too-small'
  | 'too-few-classes'
  | 'outputs-mismatch'
  | 'horizon-mismatch';

/** One mismatch: a code for programs, a message and a hint for people. */
export interface FitProblem {
  code: FitProblemCode;
  message: string;
  hint: string;
}

const INPUT_NODE = { tokens: 'Token input', series: 'Series input' } as const;
const HEAD_NODE = { tokens: 'Language-model head', classes: 'Classification head', regression: 'Regression head' } as const;
const HEAD_MEANING = {
  tokens: 'a score for every token at every position',
  classes: 'one set of class scores per example',
  regression: 'real-valued forecasts',
} as const;

/** Every way `io` does not fit `task`; an empty list means the design can train on it. */
export function taskFit(task: Task, io: DesignIO): FitProblem[] {
  const problems: FitProblem[] = [];
  const title = `The ${task.title.toLowerCase()} task`;
  const framing = io.seq2seq && task.seq2seq ? task.seq2seq : null;

  if (io.seq2seq && !task.seq2seq) {
    const template = task.defaults.template ? ` (the '${task.defaults.template}' template is one)` : '';
    problems.push({
      code: 'seq2seq-not-offered',
      message: `${title} has no source and target to split: it comes as one sequence with its targets alongside, which an encoder–decoder design cannot take.`,
      hint: `Use a design with a single input: encoder-only, decoder-only or LSTM${template}.`,
    });
  }

  const need = task.input;
  const have = io.input;
  if (need.kind !== have.kind) {
    const sizes = need.kind === 'tokens' ? `vocab ≥ ${need.vocab}, seqLen ≥ ${need.seqLen}` : `features = ${need.features}, seqLen ≥ ${need.seqLen}`;
    problems.push({
      code: 'input-kind',
      message: `${title} feeds ${need.kind === 'tokens' ? 'token ids' : 'real-valued series'}, but the design starts with a ${INPUT_NODE[have.kind]}.`,
      hint: `Replace the ${INPUT_NODE[have.kind]} with a ${INPUT_NODE[need.kind]} (${sizes}).`,
    });
  } else if (need.kind === 'tokens' && have.kind === 'tokens') {
    if (have.vocab < need.vocab) {
      problems.push({
        code: 'vocab-too-small',
        message: `${title} uses ${need.vocab} different tokens, but the Token input's vocab is ${have.vocab}: tokens with ids ${have.vocab} and up would have no embedding.`,
        hint: `Set vocab to at least ${need.vocab} on the Token input${io.seq2seq ? 's' : ''} (and on the Language-model head).`,
      });
    }
    const seqLen = framing ? framing.sourceLen : need.seqLen;
    if (have.seqLen < seqLen) {
      problems.push({
        code: 'seq-len-too-short',
        message: `${title} needs ${seqLen} positions per ${framing ? 'source' : 'example'}, but the ${framing ? 'source ' : ''}Token input holds ${have.seqLen}.`,
        hint: `Set seqLen on the ${framing ? 'source ' : ''}Token input to at least ${seqLen}.`,
      });
    }
  } else if (need.kind === 'series' && have.kind === 'series') {
    if (have.features !== need.features) {
      problems.push({
        code: 'features-mismatch',
        message: `${title} gives ${need.features} value${need.features === 1 ? '' : 's'} per step, but the Series input expects ${have.features}.`,
        hint: `Set features on the Series input to ${need.features}.`,
      });
    }
    if (have.seqLen < need.seqLen) {
      problems.push({
        code: 'seq-len-too-short',
        message: `${title} shows ${need.seqLen} steps per example, but the Series input holds ${have.seqLen}.`,
        hint: `Set seqLen on the Series input to at least ${need.seqLen}.`,
      });
    }
  }

  if (framing && io.targetSeqLen !== undefined && io.targetSeqLen < framing.targetLen) {
    problems.push({
      code: 'target-seq-len-too-short',
      message: `${title}'s answers take up to ${framing.targetLen} decoder positions (BOS and the answer, or the answer and EOS), but the target Token input holds ${io.targetSeqLen}.`,
      hint: `Set seqLen on the target (decoder) Token input to at least ${framing.targetLen}.`,
    });
  }

  problems.push(...outputProblems(title, task.output, io.output));
  return problems;
}

/** Mismatches between the head the task needs and the design's. */
function outputProblems(title: string, need: TaskOutput, have: TaskOutput): FitProblem[] {
  if (need.kind !== have.kind) {
    const sizes =
      need.kind === 'tokens' ? `vocab ≥ ${need.vocab}` : need.kind === 'classes' ? `classes ≥ ${need.count}` : `outputs = ${need.outputs}, horizon = ${need.horizon}`;
    return [
      {
        code: 'output-kind',
        message: `${title} needs ${HEAD_MEANING[need.kind]}, but the design ends in a ${HEAD_NODE[have.kind]}, which gives ${HEAD_MEANING[have.kind]}.`,
        hint: `Replace the ${HEAD_NODE[have.kind]} with a ${HEAD_NODE[need.kind]} (${sizes}).`,
      },
    ];
  }
  if (need.kind === 'tokens' && have.kind === 'tokens' && have.vocab < need.vocab) {
    return [
      {
        code: 'output-vocab-too-small',
        message: `${title} has ${need.vocab} possible output tokens, but the Language-model head scores only ${have.vocab}, so some right answers could never be predicted.`,
        hint: `Set vocab on the Language-model head to at least ${need.vocab}.`,
      },
    ];
  }
  if (need.kind === 'classes' && have.kind === 'classes' && have.count < need.count) {
    return [
      {
        code: 'too-few-classes',
        message: `${title} has ${need.count} classes, but the Classification head scores only ${have.count}.`,
        hint: `Set classes on the Classification head to ${need.count}.`,
      },
    ];
  }
  const problems: FitProblem[] = [];
  if (need.kind === 'regression' && have.kind === 'regression') {
    if (have.outputs !== need.outputs) {
      problems.push({
        code: 'outputs-mismatch',
        message: `${title} predicts ${need.outputs} value${need.outputs === 1 ? '' : 's'} per future step, but the Regression head gives ${have.outputs}.`,
        hint: `Set outputs on the Regression head to ${need.outputs}.`,
      });
    }
    if (have.horizon !== need.horizon) {
      problems.push({
        code: 'horizon-mismatch',
        message: `${title} asks for the next ${need.horizon} steps, but the Regression head forecasts ${have.horizon}.`,
        hint: `Set horizon on the Regression head to ${need.horizon}.`,
      });
    }
  }
  return problems;
}
