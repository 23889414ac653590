import { BLOCK_TYPE, defaultParams, type BlockKind } from './catalog/index.ts';
import type { Activation } from './catalog/params.ts';
import type { DesignEdge, DesignNode, Position } from './document.ts';

/** Nodes and edges to insert together (an addNodes op, a template part). */
export interface NodesAndEdges {
  nodes: DesignNode[];
  edges: DesignEdge[];
}

export interface TransformerBlockOptions {
  /** The block's id; its children are named `${id}.selfAttn`, `${id}.norm1`, … */
  id: string;
  heads: number;
  dFF: number;
  activation?: Activation;
  /** On attention weights, on each sublayer's output before the residual sum, and inside the feed-forward (as PyTorch's layers). */
  dropout?: number;
  /** Pre-LN, x + Sublayer(LayerNorm(x)), when true; the paper's post-LN, LayerNorm(x + Sublayer(x)), when false (default). */
  normFirst?: boolean;
  headMerge?: 'concat' | 'mean';
  bias?: boolean;
  repeat?: number;
  collapsed?: boolean;
  position?: Position;
  parentId?: string;
  label?: string;
}

interface Sublayer {
  key: string;
  type: 'multi-head-attention' | 'feed-forward';
  params: Record<string, unknown>;
  readsMemory?: boolean;
}

/** Horizontal distance between layers inside a block, in canvas units. */
export const INNER_COLUMN = 200;

/** A standard encoder layer as a block: self-attention and feed-forward, each with residual and layer norm. */
export function encoderBlockNodes(options: TransformerBlockOptions & { causal?: boolean }): NodesAndEdges {
  return transformerBlock('encoder', options, [
    attention('selfAttn', options, { mode: 'self', causal: options.causal ?? false }),
    feedForward(options),
  ]);
}

/**
 * A standard decoder layer as a block: causal self-attention, cross-attention
 * over the block's memory (unless `cross` is false, as in GPT-style
 * decoder-only models), and feed-forward.
 */
export function decoderBlockNodes(options: TransformerBlockOptions & { cross?: boolean }): NodesAndEdges {
  const sublayers: Sublayer[] = [attention('selfAttn', options, { mode: 'self', causal: true })];
  if (options.cross ?? true) sublayers.push({ ...attention('crossAttn', options, { mode: 'cross', causal: false }), readsMemory: true });
  sublayers.push(feedForward(options));
  return transformerBlock('decoder', options, sublayers);
}

function attention(key: string, o: TransformerBlockOptions, mode: { mode: 'self' | 'cross'; causal: boolean }): Sublayer {
  return {
    key,
    type: 'multi-head-attention',
    params: { ...mode, heads: o.heads, headMerge: o.headMerge ?? 'concat', dropout: o.dropout ?? 0, bias: o.bias ?? true },
  };
}

function feedForward(o: TransformerBlockOptions): Sublayer {
  return {
    key: 'ffn',
    type: 'feed-forward',
    params: { dFF: o.dFF, activation: o.activation ?? 'relu', dropout: o.dropout ?? 0, bias: o.bias ?? true },
  };
}

function transformerBlock(kind: BlockKind, o: TransformerBlockOptions, sublayers: Sublayer[]): NodesAndEdges {
  const { id } = o;
  const nodes: DesignNode[] = [];
  const edges: DesignEdge[] = [];
  const block: DesignNode = {
    id,
    type: BLOCK_TYPE,
    params: { kind, repeat: o.repeat ?? 1, collapsed: o.collapsed ?? false },
    position: o.position ?? { x: 0, y: 0 },
  };
  if (o.label !== undefined) block.label = o.label;
  if (o.parentId !== undefined) block.parentId = o.parentId;
  nodes.push(block);

  let column = 0;
  const child = (key: string, type: string, params: Record<string, unknown>, row = 0): string => {
    const childId = `${id}.${key}`;
    nodes.push({
      id: childId,
      type,
      params: { ...defaultParams(type), ...params },
      position: { x: 40 + column++ * INNER_COLUMN, y: 60 + row * 120 },
      parentId: id,
    });
    return childId;
  };
  const wire = (from: string, fromPort: string, to: string, toPort: string) => {
    edges.push({ id: `${id}.e${edges.length + 1}`, source: { node: from, port: fromPort }, target: { node: to, port: toPort } });
  };

  // The residual stream: where the next sublayer reads from.
  let stream = { node: id, port: 'in' };
  const dropout = o.dropout ?? 0;
  for (const [i, sublayer] of sublayers.entries()) {
    const n = i + 1;
    let sublayerInput = stream;
    if (o.normFirst) {
      const norm = child(`norm${n}`, 'layer-norm', {});
      wire(stream.node, stream.port, norm, 'in');
      sublayerInput = { node: norm, port: 'out' };
    }
    const body = child(sublayer.key, sublayer.type, sublayer.params);
    wire(sublayerInput.node, sublayerInput.port, body, 'in');
    if (sublayer.readsMemory) wire(id, 'memory', body, 'memory');
    const sum = o.normFirst ? child(`add${n}`, 'add', { dropout }) : child(`addNorm${n}`, 'add-norm', { dropout });
    wire(stream.node, stream.port, sum, 'residual');
    wire(body, 'out', sum, 'sublayer');
    stream = { node: sum, port: 'out' };
  }
  wire(stream.node, stream.port, id, 'out');
  return { nodes, edges };
}
