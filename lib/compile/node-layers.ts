import type { DesignNode } from '../design/document.ts';
import type { NodeShapes } from '../design/validate.ts';
import { Dropout, Embedding, GRU, LayerNorm, LearnedPositionalEmbedding, Linear, LSTM, MultiHeadAttention, type Activation, type HeadMerge, type Module } from '../nn/index.ts';
import { add, dropout, intTensor, mean, reshape, slice, softmax, type Rng, type Tensor } from '../tensor/index.ts';
import { FeedForwardNode } from './feed-forward-node.ts';
import { Stateless } from './module-dict.ts';
import { SinusoidalEncoding } from './sinusoidal-encoding.ts';
import { SharedEmbedding, TiedLinear } from './tied-layers.ts';

/** Tensors on a node's ports, by port name. */
export type PortTensors = Record<string, Tensor>;

/** What a node sees of the forward pass it runs in. */
export interface NodeRunContext {
  /** Dropout is active. */
  training: boolean;
  /** Hands over attention weights [B, H, T, S] for display. */
  recordAttention(weights: Tensor): void;
}

/** One node made runnable: its module (registered in the model under the node's name) and how to apply it. */
export interface NodeLayer {
  module: Module;
  run(inputs: PortTensors, ctx: NodeRunContext): PortTensors;
}

/** What building a node needs besides the node itself. */
export interface NodeBuildEnv {
  /** The inferred shapes of the node (widths come from its inputs). */
  shapes: NodeShapes;
  /** The node's own seeded stream: initial weights, then its dropout masks. */
  rng: Rng;
  /** The embedding owning a tied matrix, built once whoever asks first. */
  ownerEmbedding(nodeId: string): Embedding;
}

/** The width of the sequence arriving on `port`. */
function widthOf(shapes: NodeShapes, port = 'in'): number {
  const shape = shapes.inputs[port]?.shape;
  if (!shape) throw new Error(`no inferred shape on input '${port}'`);
  return shape[shape.length - 1];
}

const out = (tensor: Tensor): PortTensors => ({ out: tensor });

/** Builds the lib/nn layer of one (non-block) node, following its catalog params. */
export function buildNodeLayer(node: DesignNode, env: NodeBuildEnv): NodeLayer {
  const p = node.params;
  const { rng, shapes } = env;
  switch (node.type) {
    case 'token-input':
    case 'series-input':
      // The model hands the batch to input nodes itself.
      return { module: new Stateless(), run: () => ({}) };
    case 'padding-mask': {
      const padId = p.padId as number;
      return {
        module: new Stateless(),
        run: ({ in: tokens }) => out(intTensor(Int32Array.from(tokens.data, (id) => (id === padId ? 1 : 0)), tokens.shape)),
      };
    }
    case 'token-embedding': {
      const module =
        p.sharedWith === null ? env.ownerEmbedding(node.id) : new SharedEmbedding(env.ownerEmbedding(p.sharedWith as string).weight, p.scale as boolean);
      return { module, run: ({ in: ids }) => out(module.forward(ids)) };
    }
    case 'positional-encoding':
      return positionalEncoding(node, env);
    case 'multi-head-attention': {
      const module = new MultiHeadAttention(widthOf(shapes), p.heads as number, {
        rng,
        dropout: p.dropout as number,
        bias: p.bias as boolean,
        headMerge: p.headMerge as HeadMerge,
      });
      const cross = p.mode === 'cross';
      return {
        module,
        run: (inputs, ctx) => {
          const keys = cross ? inputs.memory : inputs.in;
          const result = module.forward(inputs.in, keys, keys, { causal: p.causal as boolean, keyPaddingMask: inputs.padMask });
          ctx.recordAttention(result.weights);
          return out(result.output);
        },
      };
    }
    case 'add':
      return {
        module: new Stateless(),
        run: ({ residual, sublayer }, ctx) => out(add(residual, dropout(sublayer, p.dropout as number, ctx.training, rng))),
      };
    case 'add-norm': {
      const module = new LayerNorm(widthOf(shapes, 'residual'), { eps: p.eps as number });
      return {
        module,
        run: ({ residual, sublayer }, ctx) => out(module.forward(add(residual, dropout(sublayer, p.dropout as number, ctx.training, rng)))),
      };
    }
    case 'layer-norm': {
      const module = new LayerNorm(widthOf(shapes), { eps: p.eps as number });
      return { module, run: ({ in: x }) => out(module.forward(x)) };
    }
    case 'feed-forward': {
      const module = new FeedForwardNode(widthOf(shapes), p.dFF as number, p.activation as Activation, {
        rng,
        dropout: p.dropout as number,
        bias: p.bias as boolean,
      });
      return { module, run: ({ in: x }) => out(module.forward(x)) };
    }
    case 'dropout': {
      const module = new Dropout(p.p as number, rng);
      return { module, run: ({ in: x }) => out(module.forward(x)) };
    }
    case 'linear': {
      const module = new Linear(widthOf(shapes), p.outFeatures as number, { rng, bias: p.bias as boolean });
      return { module, run: ({ in: x }) => out(module.forward(x)) };
    }
    case 'softmax':
      return { module: new Stateless(), run: ({ in: x }) => out(softmax(x, -1)) };
    case 'lm-head': {
      const bias = p.bias as boolean;
      const module =
        p.tiedTo === null
          ? new Linear(widthOf(shapes), p.vocab as number, { rng, bias })
          : new TiedLinear(env.ownerEmbedding(p.tiedTo as string).weight, { rng, bias });
      return { module, run: ({ in: x }) => out(module.forward(x)) };
    }
    case 'classification-head': {
      const module = new Linear(widthOf(shapes), p.classes as number, { rng });
      return { module, run: ({ in: x }) => out(module.forward(pool(x, p.pooling as 'mean' | 'first' | 'last'))) };
    }
    case 'regression-head': {
      const [horizon, outputs] = [p.horizon as number, p.outputs as number];
      const module = new Linear(widthOf(shapes), horizon * outputs, { rng });
      return {
        module,
        run: ({ in: x }) => out(reshape(module.forward(pool(x, 'last')), [x.shape[0], horizon, outputs])),
      };
    }
    case 'recurrent': {
      const options = { rng, numLayers: p.layers as number, bias: p.bias as boolean, dropout: p.dropout as number };
      const inputSize = widthOf(shapes);
      const hidden = p.hidden as number;
      if (p.cell === 'gru') {
        const module = new GRU(inputSize, hidden, options);
        return { module, run: ({ in: x }) => out(module.forward(x).output) };
      }
      const module = new LSTM(inputSize, hidden, options);
      return { module, run: ({ in: x }) => out(module.forward(x).output) };
    }
    default:
      throw new Error(`the compiler does not know node type '${node.type}'`);
  }
}

/** The positional encoding node: sinusoidal table, learned table, or nothing. */
function positionalEncoding(node: DesignNode, env: NodeBuildEnv): NodeLayer {
  const maxLen = node.params.maxLen as number;
  switch (node.params.kind) {
    case 'sinusoidal': {
      const module = new SinusoidalEncoding(widthOf(env.shapes), maxLen);
      return { module, run: ({ in: x }) => out(module.forward(x)) };
    }
    case 'learned': {
      const module = new LearnedPositionalEmbedding(maxLen, widthOf(env.shapes), { rng: env.rng });
      return { module, run: ({ in: x }) => out(module.forward(x)) };
    }
    default:
      return { module: new Stateless(), run: ({ in: x }) => out(x) };
  }
}

/** The rows [T, d] a positional-encoding module adds, for display; null for kind none. */
export function positionalMatrix(module: Module, rows: number): Tensor | null {
  if (module instanceof SinusoidalEncoding) return module.matrix(rows);
  if (module instanceof LearnedPositionalEmbedding) return slice(module.weight, 0, 0, rows);
  return null;
}

/** One vector per example from [B, T, d]: the mean over positions, or the first or last position. */
export function pool(x: Tensor, pooling: 'mean' | 'first' | 'last'): Tensor {
  const [batch, steps, width] = x.shape;
  if (pooling === 'mean') return mean(x, 1);
  const t = pooling === 'first' ? 0 : steps - 1;
  return reshape(slice(x, 1, t, t + 1), [batch, width]);
}
