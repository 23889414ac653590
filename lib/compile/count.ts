import type { BlockParams } from '../design/catalog/block.ts';
import type { DesignDocument, DesignNode } from '../design/document.ts';
import { validateDesign, type NodeShapes, type ValidationResult } from '../design/validate.ts';

/**
 * Parameters and FLOPs of a design, computed from the inferred shapes without
 * allocating a weight. Parameter counts equal PyTorch's `sum(p.numel())` for
 * the equivalent modules. FLOPs are per forward pass over the sample batch:
 * 2 per multiply–add in every matrix product (projections, attention scores
 * and weighted sums), plus per element: 1 for sums, scaling and activations,
 * 3 for softmax, 5 for layer norm, 3 per gate element in recurrent cells.
 * Dropout is free (inference) and lookups cost nothing.
 */
export interface Cost {
  params: number;
  flops: number;
}

export interface NodeCost extends Cost {
  /** Blocks: their inside counted this many times (children report one copy). */
  repeat?: number;
}

export interface DesignCost {
  total: Cost;
  /** Per node id; a block's entry includes every copy of its inside. */
  nodes: Record<string, NodeCost>;
  /** Nodes whose shapes are unknown (upstream errors), left out of the totals. */
  uncounted: string[];
}

const SOFTMAX_FLOPS = 3;
const LAYER_NORM_FLOPS = 5;
const GATE_FLOPS = 3;

/** nn.Linear(in, out): weight [out, in] and optional bias [out]. */
export function linearParams(inFeatures: number, outFeatures: number, bias = true): number {
  return inFeatures * outFeatures + (bias ? outFeatures : 0);
}

/** FLOPs of a Linear applied to `rows` vectors. */
export function linearFlops(rows: number, inFeatures: number, outFeatures: number, bias = true): number {
  return 2 * rows * inFeatures * outFeatures + (bias ? rows * outFeatures : 0);
}

/** nn.MultiheadAttention(d, heads): in_proj [3d, d] (+3d), out_proj [d, merged] (+d); merged = d, or d/heads when heads are averaged. */
export function multiHeadAttentionParams(d: number, heads: number, options: { bias?: boolean; headMerge?: 'concat' | 'mean' } = {}): number {
  const bias = options.bias ?? true;
  const merged = options.headMerge === 'mean' ? Math.floor(d / heads) : d;
  return linearParams(d, 3 * d, bias) + linearParams(merged, d, bias);
}

/** nn.LayerNorm(d): weight and bias. */
export function layerNormParams(d: number): number {
  return 2 * d;
}

/** Linear(d, dFF) → activation → Linear(dFF, d). */
export function feedForwardParams(d: number, dFF: number, bias = true): number {
  return linearParams(d, dFF, bias) + linearParams(dFF, d, bias);
}

/** nn.LSTM / nn.GRU: per layer weight_ih [gH, in], weight_hh [gH, H], two biases [gH]; g = 4 (LSTM) or 3 (GRU). */
export function recurrentParams(cell: 'lstm' | 'gru', inputSize: number, hidden: number, layers = 1, bias = true): number {
  const gates = (cell === 'lstm' ? 4 : 3) * hidden;
  let total = 0;
  for (let l = 0; l < layers; l++) total += gates * ((l === 0 ? inputSize : hidden) + hidden) + (bias ? 2 * gates : 0);
  return total;
}

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** Counts parameters and FLOPs of every node and of the whole design. */
export function countDesign(doc: DesignDocument, validation: ValidationResult = validateDesign(doc)): DesignCost {
  const children = new Map<string, DesignNode[]>();
  for (const node of doc.nodes) {
    if (node.parentId === undefined) continue;
    const list = children.get(node.parentId);
    if (list) list.push(node);
    else children.set(node.parentId, [node]);
  }
  const nodes: Record<string, NodeCost> = {};
  const uncounted: string[] = [];
  const visit = (node: DesignNode): Cost => {
    if (node.type === 'block') {
      const repeat = (node.params as BlockParams).repeat;
      const inner = (children.get(node.id) ?? []).map(visit).reduce(sum, { params: 0, flops: 0 });
      const cost = { params: repeat * inner.params, flops: repeat * inner.flops, repeat };
      nodes[node.id] = cost;
      return cost;
    }
    const cost = nodeCost(node, validation.nodes[node.id]);
    if (!cost) {
      uncounted.push(node.id);
      return { params: 0, flops: 0 };
    }
    nodes[node.id] = cost;
    return cost;
  };
  const total = doc.nodes.filter((n) => n.parentId === undefined).map(visit).reduce(sum, { params: 0, flops: 0 });
  return { total, nodes, uncounted };
}

const sum = (a: Cost, b: Cost): Cost => ({ params: a.params + b.params, flops: a.flops + b.flops });

/** One layer's cost from its params and inferred shapes; null when a needed shape is unknown. */
export function nodeCost(node: DesignNode, shapes: NodeShapes | undefined): Cost | null {
  const p = node.params;
  const x = shapes?.inputs.in?.shape;
  const out = shapes?.outputs.out?.shape;
  switch (node.type) {
    case 'token-input':
    case 'series-input':
      return { params: 0, flops: 0 };
    case 'padding-mask':
      return out ? { params: 0, flops: product(out) } : null;
    case 'token-embedding': {
      if (!out) return null;
      const params = p.sharedWith === null ? (p.vocab as number) * (p.dModel as number) : 0;
      return { params, flops: p.scale ? product(out) : 0 };
    }
    case 'positional-encoding': {
      if (!x) return null;
      if (p.kind === 'none') return { params: 0, flops: 0 };
      return { params: p.kind === 'learned' ? (p.maxLen as number) * x[2] : 0, flops: product(x) };
    }
    case 'multi-head-attention':
      return x ? attentionCost(node, x, shapes?.inputs.memory?.shape ?? x) : null;
    case 'add':
      return out ? { params: 0, flops: product(out) } : null;
    case 'layer-norm':
      return x ? { params: layerNormParams(x[2]), flops: LAYER_NORM_FLOPS * product(x) } : null;
    case 'add-norm':
      return out ? { params: layerNormParams(out[2]), flops: (1 + LAYER_NORM_FLOPS) * product(out) } : null;
    case 'feed-forward': {
      if (!x) return null;
      const [d, dFF, bias, rows] = [x[2], p.dFF as number, p.bias as boolean, x[0] * x[1]];
      return { params: feedForwardParams(d, dFF, bias), flops: linearFlops(rows, d, dFF, bias) + rows * dFF + linearFlops(rows, dFF, d, bias) };
    }
    case 'dropout':
      return { params: 0, flops: 0 };
    case 'linear': {
      if (!x) return null;
      const [d, o, bias] = [x[2], p.outFeatures as number, p.bias as boolean];
      return { params: linearParams(d, o, bias), flops: linearFlops(x[0] * x[1], d, o, bias) };
    }
    case 'softmax':
      return out ? { params: 0, flops: SOFTMAX_FLOPS * product(out) } : null;
    case 'lm-head': {
      if (!x) return null;
      const [d, vocab, bias] = [x[2], p.vocab as number, p.bias as boolean];
      // A tied head borrows the embedding's [vocab, d] matrix and owns only its bias.
      const params = p.tiedTo === null ? linearParams(d, vocab, bias) : bias ? vocab : 0;
      return { params, flops: linearFlops(x[0] * x[1], d, vocab, bias) };
    }
    case 'classification-head': {
      if (!x) return null;
      const [d, classes] = [x[2], p.classes as number];
      const pooling = p.pooling === 'mean' ? product(x) : 0;
      return { params: linearParams(d, classes), flops: pooling + linearFlops(x[0], d, classes) };
    }
    case 'regression-head': {
      if (!x) return null;
      const width = (p.horizon as number) * (p.outputs as number);
      return { params: linearParams(x[2], width), flops: linearFlops(x[0], x[2], width) };
    }
    case 'recurrent':
      return x ? recurrentCost(node, x) : null;
    default:
      return null;
  }
}

function attentionCost(node: DesignNode, x: readonly number[], memory: readonly number[]): Cost {
  const p = node.params as { heads: number; headMerge: 'concat' | 'mean'; bias: boolean };
  const [batch, tgtLen, d] = x;
  const srcLen = memory[1];
  const merged = p.headMerge === 'mean' ? Math.floor(d / p.heads) : d;
  const flops =
    linearFlops(batch * tgtLen, d, d, p.bias) + // queries
    linearFlops(batch * srcLen, d, 2 * d, p.bias) + // keys and values
    batch * tgtLen * d + // scaling the queries by 1/√d_head
    2 * batch * tgtLen * srcLen * d + // scores, all heads
    SOFTMAX_FLOPS * batch * p.heads * tgtLen * srcLen +
    2 * batch * tgtLen * srcLen * d + // weighted sum of values
    (p.headMerge === 'mean' ? batch * tgtLen * d : 0) +
    linearFlops(batch * tgtLen, merged, d, p.bias);
  return { params: multiHeadAttentionParams(d, p.heads, p), flops };
}

function recurrentCost(node: DesignNode, x: readonly number[]): Cost {
  const p = node.params as { cell: 'lstm' | 'gru'; layers: number; hidden: number; bias: boolean };
  const gates = (p.cell === 'lstm' ? 4 : 3) * p.hidden;
  const steps = x[0] * x[1];
  let flops = 0;
  for (let l = 0; l < p.layers; l++) {
    const inputSize = l === 0 ? x[2] : p.hidden;
    flops += steps * (2 * gates * (inputSize + p.hidden) + (p.bias ? 2 * gates : 0) + GATE_FLOPS * gates);
  }
  return { params: recurrentParams(p.cell, x[2], p.hidden, p.layers, p.bias), flops };
}
