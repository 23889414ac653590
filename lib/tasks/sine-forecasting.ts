/** Forecasting: see a noisy window of a sine mixture, predict how the clean signal continues. */
import { tensor, type Rng } from '../tensor/index.ts';
import { evaluationRng } from './held-out.ts';
import { drawSineMixture, sineMixtureAt } from './sine-mixture.ts';
import { checkBatchSize, resolveLength, type Task, type TaskBatch } from './task.ts';

/** Options of the forecasting task. */
export interface SineForecastingOptions {
  /** Waves per series (default 2). */
  components?: number;
  /** Steps the model sees (default 32). */
  seqLen?: number;
  /** Steps it predicts (default 4). */
  horizon?: number;
  /** Standard deviation of the noise on the inputs; the targets are noiseless (default 0.05). */
  noise?: number;
}

/** The sine-mixture forecasting task. */
export function sineForecastingTask(options: SineForecastingOptions = {}): Task {
  const { components = 2, seqLen: baseSeqLen = 32, horizon = 4, noise = 0.05 } = options;
  if (!Number.isInteger(components) || components < 1) throw new Error(`sine-forecasting: components must be a positive integer, got ${components}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`sine-forecasting: horizon must be a positive integer, got ${horizon}`);

  const sample = (count: number, rng: Rng, seqLen: number): TaskBatch => {
    const inputs = new Float32Array(count * seqLen);
    const targets = new Float32Array(count * horizon);
    const examples = Array.from({ length: count }, (_, b) => {
      const mixture = drawSineMixture(rng, components);
      for (let t = 0; t < seqLen; t++) inputs[b * seqLen + t] = sineMixtureAt(mixture, t) + noise * rng.normal();
      for (let k = 0; k < horizon; k++) targets[b * horizon + k] = sineMixtureAt(mixture, seqLen + k);
      return { kind: 'sine-mixture' as const, components: mixture };
    });
    return {
      size: count,
      sameLength: { inputs: tensor(inputs, [count, seqLen, 1]), targets: tensor(targets, [count, horizon, 1]) },
      seq2seq: null,
      examples,
    };
  };

  const task: Task = {
    name: 'sine-forecasting',
    title: 'Sine-mixture forecasting',
    description: `See ${baseSeqLen} noisy steps of a sum of ${components} sine waves and predict the next ${horizon} values of the clean signal.`,
    teaching:
      'Transformers are not only for text: each step is one real number, lifted to d_model by a linear layer, and attention compares steps as it compares words. ' +
      'Without positional encoding the window is an unordered bag of values, so the model cannot tell a rising wave from a falling one and its error stays high. ' +
      'Compare with repeating the last value, the forecast any model must beat.',
    input: { kind: 'series', features: 1, seqLen: baseSeqLen },
    output: { kind: 'regression', outputs: 1, horizon },
    loss: { kind: 'mse' },
    metrics: ['mae', 'rmse'],
    seq2seq: null,
    vocabulary: null,
    classNames: null,
    defaults: { batchSize: 32, steps: 400, learningRate: 3e-3, evaluationSize: 128, template: 'tiny-series-forecaster' },
    sampleBatch(batchSize, rng, lengths = {}) {
      checkBatchSize(batchSize);
      return sample(batchSize, rng, resolveLength('sine-forecasting: seqLen', baseSeqLen, lengths.seqLen));
    },
    evaluationBatch(lengths = {}) {
      const seqLen = resolveLength('sine-forecasting: seqLen', baseSeqLen, lengths.seqLen);
      return sample(task.defaults.evaluationSize, evaluationRng(task.name), seqLen);
    },
  };
  return task;
}
