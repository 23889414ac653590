/** Classification: tell resting, walking, running and jumping apart from a noisy 3-axis recording. */
import { intTensor, tensor, type Rng } from '../tensor/index.ts';
import { ACTIVITY_CHANNELS, ACTIVITY_CLASSES, ACTIVITY_SAMPLE_RATE, activityAt, drawActivitySignal } from './activity-signals.ts';
import { evaluationRng } from './held-out.ts';
import { checkBatchSize, resolveLength, type Task, type TaskBatch } from './task.ts';
import { IGNORE_INDEX } from './vocabulary.ts';

/** Options of the activity task. */
export interface ActivityClassificationOptions {
  /** Steps per recording (default 32, two seconds). */
  seqLen?: number;
  /** Standard deviation of the sensor noise in g (default 0.08). */
  noise?: number;
}

/** The activity-classification task. */
export function activityClassificationTask(options: ActivityClassificationOptions = {}): Task {
  const { seqLen: baseSeqLen = 32, noise = 0.08 } = options;
  const features = ACTIVITY_CHANNELS.length;

  const sample = (count: number, rng: Rng, seqLen: number): TaskBatch => {
    const inputs = new Float32Array(count * seqLen * features);
    const labels = new Int32Array(count);
    const examples = Array.from({ length: count }, (_, b) => {
      const signal = drawActivitySignal(rng, rng.int(ACTIVITY_CLASSES.length));
      labels[b] = signal.label;
      for (let t = 0; t < seqLen; t++) {
        const values = activityAt(signal, t);
        for (let f = 0; f < features; f++) inputs[(b * seqLen + t) * features + f] = values[f] + noise * rng.normal();
      }
      return { kind: 'activity' as const, signal };
    });
    return {
      size: count,
      sameLength: { inputs: tensor(inputs, [count, seqLen, features]), targets: intTensor(labels, [count]) },
      seq2seq: null,
      examples,
    };
  };

  const task: Task = {
    name: 'activity-classification',
    title: 'Activity recognition',
    description: `Label ${baseSeqLen / ACTIVITY_SAMPLE_RATE} s of a 3-axis accelerometer (${baseSeqLen} steps at ${ACTIVITY_SAMPLE_RATE} Hz) as resting, walking, running or jumping.`,
    teaching:
      'A classification head pools the whole recording into one vector. Resting stands out by how little it moves and jumping by moving mostly up and down, ' +
      'but walking and running overlap in strength and differ in tempo — and tempo is about the order of the steps. ' +
      'Without positional encoding the model sees a bag of readings and confuses walking with running; compare mean pooling with the last position too.',
    input: { kind: 'series', features, seqLen: baseSeqLen },
    output: { kind: 'classes', count: ACTIVITY_CLASSES.length },
    loss: { kind: 'cross-entropy', ignoreIndex: IGNORE_INDEX },
    metrics: ['class-accuracy'],
    seq2seq: null,
    vocabulary: null,
    classNames: ACTIVITY_CLASSES,
    // No template reads 3 features into 4 classes: start from the tiny forecaster and swap its head.
    defaults: { batchSize: 32, steps: 300, learningRate: 3e-3, evaluationSize: 128, template: null },
    sampleBatch(batchSize, rng, lengths = {}) {
      checkBatchSize(batchSize);
      return sample(batchSize, rng, resolveLength('activity-classification: seqLen', baseSeqLen, lengths.seqLen));
    },
    evaluationBatch(lengths = {}) {
      const seqLen = resolveLength('activity-classification: seqLen', baseSeqLen, lengths.seqLen);
      return sample(task.defaults.evaluationSize, evaluationRng(task.name), seqLen);
    },
  };
  return task;
}
