import type { DesignDocument } from '../design/document.ts';
import type { ValidationResult } from '../design/validate.ts';
import type { DesignCost } from './count.ts';

/** Limits on what the server runs or trains; checked from counts and shapes before any weight exists. */
export interface RunCaps {
  /** Trainable parameters (default 5,000,000). */
  maxParams: number;
  /** Elements of the largest single tensor a forward pass makes (default 16,777,216). */
  maxElements: number;
  /** FLOPs of one forward pass over the sample batch; no limit when absent. */
  maxFlops?: number;
}

/** The caps used when a caller gives none. */
export const DEFAULT_RUN_CAPS: RunCaps = { maxParams: 5_000_000, maxElements: 16_777_216 };

/** The largest tensor a forward pass creates, and where. */
export interface LargestTensor {
  elements: number;
  nodeId: string;
  /** What it is, for a sentence: "the output of", "the attention weights of", … */
  what: string;
  shape: number[];
}

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * Finds the largest activation from the inferred shapes: every output, and
 * the intermediates bigger than any output (attention scores [B, H, T, S],
 * the feed-forward's hidden layer [B, T, dFF], a recurrent layer's gates).
 */
export function largestTensor(doc: DesignDocument, validation: ValidationResult): LargestTensor | null {
  let best: LargestTensor | null = null;
  const consider = (nodeId: string, what: string, shape: number[]) => {
    const elements = product(shape);
    if (!best || elements > best.elements) best = { elements, nodeId, what, shape };
  };
  for (const node of doc.nodes) {
    const shapes = validation.nodes[node.id];
    if (!shapes) continue;
    for (const value of Object.values(shapes.outputs)) consider(node.id, 'the output of', value.shape);
    const x = shapes.inputs.in?.shape;
    if (!x || x.length !== 3) continue;
    const p = node.params;
    if (node.type === 'multi-head-attention') {
      const keys = shapes.inputs.memory?.shape ?? x;
      consider(node.id, 'the attention weights of', [x[0], p.heads as number, x[1], keys[1]]);
    } else if (node.type === 'feed-forward') {
      consider(node.id, 'the hidden layer of', [x[0], x[1], p.dFF as number]);
    } else if (node.type === 'recurrent') {
      consider(node.id, 'the gates of', [x[0], x[1], (p.cell === 'lstm' ? 4 : 3) * (p.hidden as number)]);
    }
  }
  return best;
}

/** A count for people: 63.1M, 16.8M, 1.5G; exact below a million (65,536). */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  return n.toLocaleString('en-US');
}

/** Why a design is above the caps, in a sentence a learner understands; null when it fits. */
export function capsRefusal(doc: DesignDocument, validation: ValidationResult, cost: DesignCost, caps: RunCaps): string | null {
  const params = cost.total.params;
  if (params > caps.maxParams) {
    return (
      `This design has ${formatCount(params)} parameters; running is limited to ${formatCount(caps.maxParams)}. ` +
      'Try a tiny template, or make d_model, d_ff, the vocabulary or the number of layers smaller.'
    );
  }
  const largest = largestTensor(doc, validation);
  if (largest && largest.elements > caps.maxElements) {
    return (
      `The largest tensor of this design, ${largest.what} '${largest.nodeId}' [${largest.shape.join(', ')}], ` +
      `holds ${formatCount(largest.elements)} numbers; running is limited to ${formatCount(caps.maxElements)}. ` +
      'Reduce the batch size, the sequence length or the width.'
    );
  }
  const flops = cost.total.flops;
  if (caps.maxFlops !== undefined && flops > caps.maxFlops) {
    return (
      `One forward pass of this design costs ${formatCount(flops)} FLOPs; running is limited to ${formatCount(caps.maxFlops)}. ` +
      'Reduce the batch size, the sequence length, the width or the number of layers.'
    );
  }
  return null;
}
