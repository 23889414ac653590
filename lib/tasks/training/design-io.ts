/**
 * What a design reads and produces, in a task's terms: which input node gets
 * the task's input (and, for an encoder–decoder, which gets the decoder's
 * shifted target), which head the loss is computed on, and the sizes of both
 * from the inferred shapes. taskFit then compares that with the task.
 */
import { entryOf } from '../../design/catalog/index.ts';
import type { DesignDocument, PortRef } from '../../design/document.ts';
import { indexDesign, portKey, type DesignIndex } from '../../design/graph.ts';
import type { ValidationResult } from '../../design/validate.ts';
import type { DesignIO } from '../fit.ts';
import type { TaskInput, TaskOutput } from '../task.ts';

/** The nodes a training run feeds and reads, with the design's sizes. */
export interface DesignWiring {
  io: DesignIO;
  /** The head whose output the loss is computed on. */
  headId: string;
  /** The input fed the task's input (same-length) or source (seq2seq). */
  inputId: string;
  /** The decoder's token input of an encoder–decoder design, fed BOS + the answer; null otherwise. */
  targetInputId: string | null;
}

/** Why a design's inputs or head cannot be matched to a task at all. */
export type WiringProblemCode = 'no-head' | 'several-heads' | 'head-shape-unknown' | 'no-input' | 'unused-input' | 'several-inputs' | 'target-not-tokens';

/** A wiring problem, in the same form as taskFit's problems, placed on a node where there is one. */
export interface WiringProblem {
  code: WiringProblemCode;
  message: string;
  hint: string;
  nodeId?: string;
}

/** The wiring, or every reason there is none. */
export type DesignIOOutcome = { ok: true; wiring: DesignWiring } | { ok: false; problems: WiringProblem[] };

const label = (doc: DesignDocument, id: string) => {
  const node = doc.nodes.find((n) => n.id === id);
  return node?.label ? `'${node.label}' (${id})` : `'${id}'`;
};

/** The design's input(s) and head as a task sees them, from the validated document's shapes. */
export function designIO(doc: DesignDocument, validation: ValidationResult): DesignIOOutcome {
  const heads = doc.nodes.filter((n) => entryOf(n).role === 'head');
  if (heads.length === 0) {
    return problem({
      code: 'no-head',
      message: 'This design has no head, so there is nothing to compare with the right answers.',
      hint: 'Add a Language-model head, Classification head or Regression head at the end of the design.',
    });
  }
  if (heads.length > 1) {
    return problem({
      code: 'several-heads',
      message: `This design has ${heads.length} heads (${heads.map((h) => label(doc, h.id)).join(', ')}); training fits one of them to the task.`,
      hint: 'Keep the head you want to train and delete the others (or train a copy of the design).',
    });
  }
  const head = heads[0];
  const output = headOutput(head.type, validation.nodes[head.id]?.outputs.out?.shape);
  if (!output) {
    return problem({
      code: 'head-shape-unknown',
      message: `The shape reaching the head ${label(doc, head.id)} is not known yet.`,
      hint: 'Fix the design\'s errors first: connect every required input on the way to the head.',
      nodeId: head.id,
    });
  }

  const reach = inputsReaching(indexDesign(doc), { node: head.id, port: 'in' });
  const inputs = doc.nodes.filter((n) => entryOf(n).role === 'input');
  const problems: WiringProblem[] = [];
  for (const input of inputs) {
    if (reach.has(input.id)) continue;
    problems.push({
      code: 'unused-input',
      message: `The input ${label(doc, input.id)} does not lead to the head, so training would have nothing to feed it that matters.`,
      hint: 'Connect it on the way to the head, or delete it.',
      nodeId: input.id,
    });
  }
  const direct = inputs.filter((n) => reach.get(n.id) === 'direct');
  const viaMemory = inputs.filter((n) => reach.get(n.id) === 'memory');
  if (direct.length === 0) {
    problems.push({
      code: 'no-input',
      message: 'No Token input or Series input leads to the head.',
      hint: 'Add a Token input (for text tasks) or a Series input (for series tasks) and connect it through the model to the head.',
    });
  }
  if (direct.length > 1 || viaMemory.length > 1) {
    const many = direct.length > 1 ? direct : viaMemory;
    problems.push({
      code: 'several-inputs',
      message: `Inputs ${many.map((n) => label(doc, n.id)).join(' and ')} both feed the same path to the head; a task gives one sequence there.`,
      hint: 'Keep one input per path: one for an encoder-only, decoder-only or LSTM design, a source and a target for an encoder–decoder.',
      nodeId: many[1].id,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const main = direct[0];
  const source = viaMemory[0];
  if (!source) {
    return { ok: true, wiring: { io: { input: inputOf(main, validation), output, seq2seq: false }, headId: head.id, inputId: main.id, targetInputId: null } };
  }
  // Encoder–decoder: the input the head reads only through cross-attention's memory is the source.
  if (main.type !== 'token-input') {
    return problem({
      code: 'target-not-tokens',
      message: `The decoder of this encoder–decoder reads ${label(doc, main.id)}, a Series input; the built-in tasks write their answers as tokens.`,
      hint: 'Feed the decoder from a Token input (the answer shifted right, starting with BOS).',
      nodeId: main.id,
    });
  }
  const sourceInput = inputOf(source, validation);
  const target = inputOf(main, validation);
  // Both token inputs must hold every task token; the smaller vocabulary is the one that limits.
  const input = sourceInput.kind === 'tokens' && target.kind === 'tokens' ? { ...sourceInput, vocab: Math.min(sourceInput.vocab, target.vocab) } : sourceInput;
  return {
    ok: true,
    wiring: { io: { input, output, seq2seq: true, targetSeqLen: target.seqLen }, headId: head.id, inputId: source.id, targetInputId: main.id },
  };
}

function problem(p: WiringProblem): DesignIOOutcome {
  return { ok: false, problems: [p] };
}

/** The task output a head produces, read from its inferred output shape. */
function headOutput(type: string, shape: readonly number[] | undefined): TaskOutput | null {
  if (!shape) return null;
  if (type === 'lm-head' && shape.length === 3) return { kind: 'tokens', vocab: shape[2] };
  if (type === 'classification-head' && shape.length === 2) return { kind: 'classes', count: shape[1] };
  if (type === 'regression-head' && shape.length === 3) return { kind: 'regression', horizon: shape[1], outputs: shape[2] };
  return null;
}

function inputOf(node: DesignDocument['nodes'][number], validation: ValidationResult): TaskInput {
  const p = node.params;
  const seqLen = validation.nodes[node.id]?.outputs.out?.shape[1] ?? (p.seqLen as number);
  if (node.type === 'series-input') return { kind: 'series', features: p.features as number, seqLen };
  return { kind: 'tokens', vocab: p.vocab as number, seqLen };
}

/**
 * Every input node whose values reach `start`, walking edges backwards
 * through blocks: 'direct' when some path avoids cross-attention's memory,
 * 'memory' when every path goes through one. Padding masks only say which
 * positions to skip, so mask ports are not followed.
 */
function inputsReaching(ix: DesignIndex, start: PortRef): Map<string, 'direct' | 'memory'> {
  const found = new Map<string, 'direct' | 'memory'>();
  const seen = new Set<string>();
  const visit = (target: PortRef, viaMemory: boolean) => {
    const key = `${portKey(target)}\u0000${viaMemory}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const edge of ix.edgesByTarget.get(portKey(target)) ?? []) from(edge.source, viaMemory);
  };
  const from = (source: PortRef, viaMemory: boolean) => {
    const node = ix.nodes.get(source.node);
    if (!node) return;
    const entry = entryOf(node);
    if (entry.role === 'input') {
      if (!viaMemory) found.set(node.id, 'direct');
      else if (!found.has(node.id)) found.set(node.id, 'memory');
      return;
    }
    if (entry.role === 'block') {
      // A block's out is fed from inside; its in and memory, read from inside, are fed from outside.
      const kind = entry.ports(node.params).find((p) => p.name === source.port)?.kind;
      visit(source, viaMemory || kind === 'memory');
      return;
    }
    for (const port of entry.ports(node.params)) {
      if (port.direction !== 'in' || port.kind === 'mask') continue;
      visit({ node: node.id, port: port.name }, viaMemory || port.kind === 'memory');
    }
  };
  visit(start, false);
  return found;
}
