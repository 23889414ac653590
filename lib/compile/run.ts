import type { Diagnostic } from '../design/diagnostics.ts';
import type { DesignDocument } from '../design/document.ts';
import { noGrad, type Tensor } from '../tensor/index.ts';
import { compileDesign, type CompileOptions } from './compile.ts';
import type { CompiledModel, ForwardResult } from './compiled-model.ts';
import { nodeRng } from './node-rng.ts';
import { positionalMatrix } from './node-layers.ts';
import { outputStats, type OutputStats } from './output-stats.ts';
import { sampleBatch } from './sample-batch.ts';

/** The attention of one attention node in one copy, for sample 0 of the batch. */
export interface AttentionMap {
  nodeId: string;
  label: string;
  /** 0-based copy inside a repeated block (counting through nested blocks). */
  repeat: number;
  heads: number;
  /** [head][query][key] of sample 0. */
  weights: number[][][];
}

/** The positions a positional-encoding node adds: rows 0 … T−1 of its table, T the sample's length. */
export interface PositionalEncodingMatrix {
  nodeId: string;
  kind: 'sinusoidal' | 'learned';
  /** [pos][dim]. */
  matrix: number[][];
}

/** What one sample forward pass shows. */
export interface RunResult {
  params: number;
  /** FLOPs of the forward pass (countDesign's). */
  flops: number;
  /** Compile and forward pass, in milliseconds. */
  elapsedMs: number;
  /** Per node: stats of each output port (inside a repeated block, the last copy's), and its counted cost. */
  nodes: Record<string, { outputs: Record<string, OutputStats>; params: number; flops: number }>;
  attention: AttentionMap[];
  positionalEncodings: PositionalEncodingMatrix[];
  /** Per input node id, the whole sample batch: token ids [B][T] or series [B][T][F]; sample 0 is the one shown. */
  sampleInputs: Record<string, number[][] | number[][][]>;
  batchSize: number;
  seed: number;
}

/** A run's result, or why it did not run. */
export type RunOutcome =
  | { ok: true; result: RunResult }
  | { ok: false; code: 'invalid-design' | 'too-large' | 'unsupported' | 'run-failed'; message: string; diagnostics?: Diagnostic[] };

/** Validates, compiles (seeded), makes a sample batch and runs one forward pass in eval mode. */
export function runSample(doc: DesignDocument, options: CompileOptions = {}): RunOutcome {
  const started = performance.now();
  const compiled = compileDesign(doc, options);
  if (!compiled.ok) return compiled;
  const { model } = compiled;
  try {
    const batch = sampleBatch(doc, model.inputs, doc.settings.batchSize, nodeRng(model.seed, '#sample', 0));
    const forward = noGrad(() => model.forward(batch.tensors, { training: false }));
    return {
      ok: true,
      result: {
        params: model.cost.total.params,
        flops: model.cost.total.flops,
        elapsedMs: performance.now() - started,
        nodes: nodeStats(model, forward),
        attention: attentionMaps(model, forward),
        positionalEncodings: positionalEncodings(model, forward),
        sampleInputs: batch.values,
        batchSize: doc.settings.batchSize,
        seed: model.seed,
      },
    };
  } catch (error) {
    return { ok: false, code: 'run-failed', message: `The forward pass failed: ${(error as Error).message}` };
  }
}

function nodeStats(model: CompiledModel, forward: ForwardResult): RunResult['nodes'] {
  const nodes: RunResult['nodes'] = {};
  for (const node of model.doc.nodes) {
    const outputs: Record<string, OutputStats> = {};
    for (const [port, value] of Object.entries(forward.outputs[node.id] ?? {})) outputs[port] = outputStats(value);
    const cost = model.cost.nodes[node.id];
    nodes[node.id] = { outputs, params: cost?.params ?? 0, flops: cost?.flops ?? 0 };
  }
  return nodes;
}

function attentionMaps(model: CompiledModel, forward: ForwardResult): AttentionMap[] {
  const labels = new Map(model.doc.nodes.map((n) => [n.id, n.label ?? n.id]));
  return forward.attention.map((record) => {
    const [, heads, queries, keys] = record.weights.shape;
    return {
      nodeId: record.nodeId,
      label: labels.get(record.nodeId) ?? record.nodeId,
      repeat: record.copy,
      heads,
      weights: nested(record.weights.data.subarray(0, heads * queries * keys), [heads, queries, keys]) as number[][][],
    };
  });
}

function positionalEncodings(model: CompiledModel, forward: ForwardResult): PositionalEncodingMatrix[] {
  const matrices: PositionalEncodingMatrix[] = [];
  for (const node of model.doc.nodes) {
    const kind = node.params.kind;
    if (node.type !== 'positional-encoding' || (kind !== 'sinusoidal' && kind !== 'learned')) continue;
    const rows = forward.outputs[node.id]?.out?.shape[1];
    const module = model.nodeModule(node.id);
    const matrix = rows !== undefined && module ? positionalMatrix(module, rows) : null;
    if (matrix) matrices.push({ nodeId: node.id, kind, matrix: nested(matrix.data, matrix.shape) as number[][] });
  }
  return matrices;
}

/** Row-major values as nested arrays of the given shape. */
function nested(data: Tensor['data'], shape: readonly number[]): unknown[] {
  const [first, ...rest] = shape;
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first }, (_, i) =>
    rest.length === 0 ? data[i] : nested(data.subarray(i * stride, (i + 1) * stride), rest),
  );
}
