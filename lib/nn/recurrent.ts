import { concat, dropout, reshape, slice, zeros, type Rng, type Tensor } from '../tensor/index.ts';
import { uniformParameter } from './init.ts';
import { Module } from './module.ts';

export interface RecurrentOptions {
  /** Draws the initial weights and seeds the inter-layer dropout stream. */
  rng: Rng;
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** bias_ih and bias_hh per layer (default true). */
  bias?: boolean;
  /** Dropout on each layer's outputs except the last layer's (default 0), as PyTorch. */
  dropout?: number;
}

/** The weights of one stacked layer; ih is [gates·H, in], hh is [gates·H, H]. */
export interface RecurrentLayerWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | undefined;
  biasHh: Tensor | undefined;
}

/**
 * What nn.LSTM and nn.GRU share (batch_first=True, unidirectional): the
 * parameters weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}, all
 * U(-1/√H, 1/√H); the layer stacking; the initial-state plumbing.
 */
export abstract class RecurrentBase extends Module {
  readonly numLayers: number;
  readonly dropoutP: number;
  protected readonly layers: RecurrentLayerWeights[] = [];
  private readonly rng: Rng;

  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    gates: number,
    options: RecurrentOptions,
  ) {
    super();
    this.numLayers = options.numLayers ?? 1;
    this.dropoutP = options.dropout ?? 0;
    const bound = 1 / Math.sqrt(hiddenSize);
    const bias = options.bias ?? true;
    for (let l = 0; l < this.numLayers; l++) {
      const fanIn = l === 0 ? inputSize : hiddenSize;
      // Drawn in registration order, as PyTorch's reset_parameters walks self.parameters().
      const param = (name: string, shape: number[]): Tensor =>
        this.registerParameter(`${name}_l${l}`, uniformParameter(shape, bound, options.rng));
      const weightIh = param('weight_ih', [gates * hiddenSize, fanIn]);
      const weightHh = param('weight_hh', [gates * hiddenSize, hiddenSize]);
      const biasIh = bias ? param('bias_ih', [gates * hiddenSize]) : undefined;
      const biasHh = bias ? param('bias_hh', [gates * hiddenSize]) : undefined;
      this.layers.push({ weightIh, weightHh, biasIh, biasHh });
    }
    this.rng = options.rng.fork();
  }

  protected checkInput(name: string, x: Tensor): [number, number] {
    if (x.shape.length !== 3 || x.shape[2] !== this.inputSize) {
      throw new Error(`${name}: input must be [batch, seq, ${this.inputSize}], got [${x.shape.join(',')}]`);
    }
    if (x.shape[1] === 0) throw new Error(`${name}: empty sequence`);
    return [x.shape[0], x.shape[1]];
  }

  /** Layer l's slice [B, H] of a state [numLayers, B, H], or zeros when no state was given. */
  protected initialState(name: string, state: Tensor | undefined, layer: number, batch: number): Tensor {
    const h = this.hiddenSize;
    if (!state) return zeros([batch, h]);
    const s = state.shape;
    if (s.length !== 3 || s[0] !== this.numLayers || s[1] !== batch || s[2] !== h) {
      throw new Error(`${name}: state must be [${this.numLayers},${batch},${h}], got [${s.join(',')}]`);
    }
    return reshape(slice(state, 0, layer, layer + 1), [batch, h]);
  }

  /** Column t of a [B, T, F] tensor as [B, F]. */
  protected static timeStep(x: Tensor, t: number): Tensor {
    return reshape(slice(x, 1, t, t + 1), [x.shape[0], x.shape[2]]);
  }

  /** Stacks per-step [B, H] outputs into [B, T, H]. */
  protected static stackSteps(steps: Tensor[]): Tensor {
    return concat(
      steps.map((h) => reshape(h, [h.shape[0], 1, h.shape[1]])),
      1,
    );
  }

  /** Stacks per-layer final [B, H] states into [numLayers, B, H]. */
  protected static stackLayers(states: Tensor[]): Tensor {
    return concat(
      states.map((h) => reshape(h, [1, h.shape[0], h.shape[1]])),
      0,
    );
  }

  /** The next layer's input: this layer's outputs, with dropout between layers only. */
  protected betweenLayers(output: Tensor, layer: number): Tensor {
    return layer < this.numLayers - 1 ? dropout(output, this.dropoutP, this.training, this.rng) : output;
  }
}
