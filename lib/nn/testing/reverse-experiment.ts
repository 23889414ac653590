/**
 * The runtime issue's reference experiment: token embedding + sinusoidal PE +
 * two encoder layers + a linear read-out learn to reverse sequences (length 8,
 * vocab 10). The learning test (../reverse-task.test.ts) checks that it reaches
 * 99% held-out token accuracy; the benchmark times how long that takes.
 */
import { Adam } from '../../tensor/optim/index.ts';
import { Rng, argmax, crossEntropy, intTensor, noGrad, reshape, type Tensor } from '../../tensor/index.ts';
import { Embedding } from '../embedding.ts';
import { Linear } from '../linear.ts';
import { Module } from '../module.ts';
import { SinusoidalPositionalEncoding } from '../positional-encoding.ts';
import { TransformerEncoderLayer } from '../transformer-encoder-layer.ts';

const VOCAB = 10;
const LENGTH = 8;

export interface ModelOptions {
  seed: number;
  dModel: number;
  nhead: number;
  dimFeedforward: number;
  dropout: number;
  normFirst: boolean;
}

/** Token embedding + sinusoidal PE + 2 encoder layers + a linear read-out to the vocabulary. */
export class ReverseModel extends Module {
  readonly embed: Embedding;
  readonly pe: SinusoidalPositionalEncoding;
  readonly layers: TransformerEncoderLayer[];
  readonly head: Linear;

  constructor(o: ModelOptions) {
    super();
    const rng = new Rng(o.seed);
    this.embed = this.registerModule('embed', new Embedding(VOCAB, o.dModel, { rng }));
    this.pe = this.registerModule('pe', new SinusoidalPositionalEncoding(o.dModel, LENGTH));
    this.layers = [0, 1].map((i) =>
      this.registerModule(
        `layer${i}`,
        new TransformerEncoderLayer(o.dModel, o.nhead, { rng, dimFeedforward: o.dimFeedforward, dropout: o.dropout, normFirst: o.normFirst }),
      ),
    );
    this.head = this.registerModule('head', new Linear(o.dModel, VOCAB, { rng }));
  }

  /** Logits [B, T, VOCAB] for ids [B, T]. */
  forward(ids: Tensor): Tensor {
    let x = this.pe.forward(this.embed.forward(ids));
    for (const layer of this.layers) x = layer.forward(x);
    return this.head.forward(x);
  }
}

/** `count` random sequences and their reversals. */
export function reverseBatch(count: number, rng: Rng): { inputs: Tensor; targets: Tensor } {
  const inputs: number[] = [];
  const targets: number[] = [];
  for (let b = 0; b < count; b++) {
    const seq = Array.from({ length: LENGTH }, () => rng.int(VOCAB));
    inputs.push(...seq);
    targets.push(...seq.reverse());
  }
  return { inputs: intTensor(inputs, [count, LENGTH]), targets: intTensor(targets, [count * LENGTH]) };
}

export interface TrainOptions extends ModelOptions {
  steps: number;
  batch: number;
  lr: number;
}

/**
 * Trains from the seed; returns the loss of every step and the trained model.
 * `stopAfter` is asked after each step and ends training early when it answers true.
 */
export function train(o: TrainOptions, stopAfter?: (step: number, model: ReverseModel) => boolean): { losses: number[]; model: ReverseModel } {
  const model = new ReverseModel(o);
  const data = new Rng(o.seed + 1000);
  const opt = new Adam(model.parameters(), { lr: o.lr });
  const losses: number[] = [];
  for (let step = 1; step <= o.steps; step++) {
    const { inputs, targets } = reverseBatch(o.batch, data);
    const logits = reshape(model.forward(inputs), [o.batch * LENGTH, VOCAB]);
    const loss = crossEntropy(logits, targets);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    losses.push(loss.item());
    if (stopAfter?.(step, model)) break;
  }
  return { losses, model };
}

/** Token accuracy on sequences the model never saw (drawn from an unrelated seed). */
export function heldOutAccuracy(model: ReverseModel): number {
  const wasTraining = model.training;
  model.eval();
  const { inputs, targets } = reverseBatch(500, new Rng(987654));
  const predicted = noGrad(() => argmax(model.forward(inputs), 2));
  let correct = 0;
  for (let i = 0; i < targets.size; i++) if (predicted.data[i] === targets.data[i]) correct++;
  model.train(wasTraining);
  return correct / targets.size;
}

/** The settings the learning test uses (its steps aside). */
export const REVERSE_BASE = { seed: 1, dModel: 32, nhead: 4, dimFeedforward: 64, dropout: 0, batch: 32, lr: 3e-3 };
