import type { DesignDocument } from '../design/document.ts';
import type { Tensor } from '../tensor/index.ts';

/** An input node of a compiled design: what it takes, in the design's sizes. */
export type ModelInput =
  | { nodeId: string; kind: 'tokens'; vocab: number; seqLen: number }
  | { nodeId: string; kind: 'series'; features: number; seqLen: number };

/** The input nodes of a design, in document order. */
export function describeInputs(doc: DesignDocument): ModelInput[] {
  const inputs: ModelInput[] = [];
  for (const node of doc.nodes) {
    const p = node.params;
    if (node.type === 'token-input') inputs.push({ nodeId: node.id, kind: 'tokens', vocab: p.vocab as number, seqLen: p.seqLen as number });
    if (node.type === 'series-input') inputs.push({ nodeId: node.id, kind: 'series', features: p.features as number, seqLen: p.seqLen as number });
  }
  return inputs;
}

/**
 * Throws, naming the input, unless `batch` has exactly one tensor per input
 * node: token ids int32 [B, T] below the vocabulary, or series float32
 * [B, T, F], one batch size for all. T may differ from the design's seqLen
 * (shorter prompts, longer windows up to a positional table's maxLen).
 */
export function checkModelInputs(inputs: readonly ModelInput[], batch: Record<string, Tensor>): void {
  const known = new Set(inputs.map((i) => i.nodeId));
  for (const id of Object.keys(batch)) if (!known.has(id)) throw new Error(`'${id}' is not an input node of this design`);
  let batchSize: number | null = null;
  for (const input of inputs) {
    const x = batch[input.nodeId];
    if (!x) throw new Error(`no tensor for input '${input.nodeId}'`);
    const expected = input.kind === 'tokens' ? '[batch, seq] int32 token ids' : `[batch, seq, ${input.features}] float32 values`;
    const rankOk = input.kind === 'tokens' ? x.ndim === 2 && x.dtype === 'int32' : x.ndim === 3 && x.dtype === 'float32' && x.shape[2] === input.features;
    if (!rankOk || x.shape[0] < 1 || x.shape[1] < 1) {
      throw new Error(`input '${input.nodeId}' takes ${expected}, got ${x.dtype} [${x.shape.join(', ')}]`);
    }
    if (batchSize !== null && x.shape[0] !== batchSize) throw new Error(`input '${input.nodeId}' has batch size ${x.shape[0]}, another input ${batchSize}`);
    batchSize = x.shape[0];
    if (input.kind === 'tokens') {
      for (const id of x.data) {
        if (!(id >= 0 && id < input.vocab)) throw new Error(`input '${input.nodeId}' holds token id ${id}, outside its vocabulary [0, ${input.vocab})`);
      }
    }
  }
}
