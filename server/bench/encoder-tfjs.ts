/**
 * The reference encoder layer written with tfjs ops, matching
 * torch.nn.TransformerEncoderLayer(batch_first=True, norm_first=False,
 * activation='relu', dropout=0): packed in-projection, scaled dot-product
 * attention per head, out-projection, residual + LayerNorm, Linear→ReLU→Linear,
 * residual + LayerNorm. Trained with MSE to a fixed random target and Adam.
 *
 * Weights are stored [in, out] (tfjs-layers' Dense layout) and the packed
 * in-projection as [3, in, out], because that is what tfjs runs fastest:
 * tfjs-wasm's matMul with transposeB is ~10× slower than without, and
 * tfjs-cpu's column slice (a split of a [B·T, 3d] product) costs more than the
 * projection itself. Same parameters as PyTorch's, just laid out for tfjs, so
 * the comparison is against tfjs at its best, not a strawman.
 */
import { defaultTorchWeights, ENCODER, type EncoderRun, type TorchWeights } from './encoder-config.ts';
import { measureMs, randomFloats } from './measure.ts';
import type { TfjsBackend } from './peers.ts';
import { activateTfjsBackend, tf } from './tfjs.ts';

type Tensor = ReturnType<typeof tf.tensor>;
type Variable = ReturnType<typeof tf.variable>;

interface Params {
  inProjWeight: Variable; // [3, d, d]: q, k, v projections, each [in, out]
  inProjBias: Variable; // [3, d]
  outProjWeight: Variable; // [d, d]
  outProjBias: Variable; // [d]
  linear1Weight: Variable; // [d, dFf]
  linear1Bias: Variable; // [dFf]
  linear2Weight: Variable; // [dFf, d]
  linear2Bias: Variable; // [d]
  norm1Weight: Variable;
  norm1Bias: Variable;
  norm2Weight: Variable;
  norm2Bias: Variable;
}

/** A variable holding `initial`'s values; `initial` itself is disposed so nothing leaks. */
function variableOf(initial: Tensor): Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

/** Builds the variables from torch-layout weights, transposing Linear weights to [in, out]. */
function makeParams(weights: TorchWeights): Params {
  const { dModel: d, dFf } = ENCODER;
  const get = (name: string, size: number): Float32Array => {
    const w = weights[name];
    if (!w || w.data.length !== size) throw new Error(`tfjs encoder: weight '${name}' missing or not ${size} values`);
    return w.data;
  };
  const asIs = (name: string, shape: number[]): Variable =>
    variableOf(tf.tensor(get(name, shape.reduce((p, s) => p * s, 1)), shape));
  // torch [out, in] → [in, out]
  const transposed = (name: string, out: number, inF: number): Variable =>
    variableOf(tf.tidy(() => tf.transpose(tf.tensor(get(name, out * inF), [out, inF]))));
  return {
    // in_proj_weight [3d, d] is q, k, v stacked along out: [3, d_out, d_in] → [3, d_in, d_out].
    inProjWeight: variableOf(
      tf.tidy(() => tf.transpose(tf.tensor(get('self_attn.in_proj_weight', 3 * d * d), [3, d, d]), [0, 2, 1])),
    ),
    inProjBias: asIs('self_attn.in_proj_bias', [3, d]),
    outProjWeight: transposed('self_attn.out_proj.weight', d, d),
    outProjBias: asIs('self_attn.out_proj.bias', [d]),
    linear1Weight: transposed('linear1.weight', dFf, d),
    linear1Bias: asIs('linear1.bias', [dFf]),
    linear2Weight: transposed('linear2.weight', d, dFf),
    linear2Bias: asIs('linear2.bias', [d]),
    norm1Weight: asIs('norm1.weight', [d]),
    norm1Bias: asIs('norm1.bias', [d]),
    norm2Weight: asIs('norm2.weight', [d]),
    norm2Bias: asIs('norm2.bias', [d]),
  };
}

/** x W + b for a 2-D x and W stored [in, out]. */
function linear(x: Tensor, weight: Tensor, bias: Tensor): Tensor {
  return tf.add(tf.matMul(x, weight), bias);
}

/** LayerNorm over the last dim with biased variance, like torch. */
function layerNorm(x: Tensor, weight: Tensor, bias: Tensor): Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, ENCODER.layerNormEps)));
  return tf.add(tf.mul(normalised, weight), bias);
}

/** Forward pass: x [B, T, d] → [B, T, d]. */
function forward(p: Params, x: Tensor): Tensor {
  const { batch: B, seq: T, dModel: d, heads: H } = ENCODER;
  const dh = d / H;
  const x2 = tf.reshape(x, [B * T, d]);
  const weights = tf.unstack(p.inProjWeight);
  const biases = tf.unstack(p.inProjBias);
  // [B·T, d] → [B, H, T, dh] for each of q, k, v.
  const [q, k, v] = [0, 1, 2].map((i) =>
    tf.transpose(tf.reshape(linear(x2, weights[i], biases[i]), [B, T, H, dh]), [0, 2, 1, 3]),
  );
  const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)); // [B, H, T, T]
  const context = tf.matMul(tf.softmax(scores), v); // [B, H, T, dh]
  const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [B * T, d]);
  const attended = linear(merged, p.outProjWeight, p.outProjBias);
  const h1 = layerNorm(tf.add(x2, attended), p.norm1Weight, p.norm1Bias);
  const ff = linear(tf.relu(linear(h1, p.linear1Weight, p.linear1Bias)), p.linear2Weight, p.linear2Bias);
  const h2 = layerNorm(tf.add(h1, ff), p.norm2Weight, p.norm2Bias);
  return tf.reshape(h2, [B, T, d]);
}

/**
 * On the given tfjs backend: the first forward's output and the losses of the
 * first training steps (to check equivalence with ours from the same weights),
 * then timings of forward and of one Adam training step.
 */
export async function runTfjsEncoder(backend: TfjsBackend, weights: TorchWeights = defaultTorchWeights()): Promise<EncoderRun> {
  await activateTfjsBackend(backend);
  const { batch, seq, dModel } = ENCODER;
  const before = tf.memory().numTensors;
  const params = makeParams(weights);
  const variables = Object.values(params) as Variable[];
  const x = tf.tensor(randomFloats(batch * seq * dModel, 100), [batch, seq, dModel]);
  const target = tf.tensor(randomFloats(batch * seq * dModel, 101), [batch, seq, dModel]);
  // tfjs's default epsilon is 1e-7; torch.optim.Adam's (and ours) is 1e-8.
  const optimizer = tf.train.adam(ENCODER.learningRate, 0.9, 0.999, 1e-8);
  const forwardOnce = (): Float32Array => {
    const y = tf.tidy(() => forward(params, x));
    const values = y.dataSync() as Float32Array; // dataSync forces the computation to finish
    y.dispose();
    return values;
  };
  const trainStep = (): number => {
    // tfjs's MSE (default reduction: mean over all elements), like torch's mse_loss.
    const cost = optimizer.minimize(() => tf.losses.meanSquaredError(target, forward(params, x)) as tf.Scalar, true, variables);
    if (cost === null) throw new Error('tfjs encoder: minimize returned no cost');
    const value = cost.dataSync()[0];
    cost.dispose();
    return value;
  };
  try {
    const firstOutput = forwardOnce();
    const firstLosses = Array.from({ length: ENCODER.checkSteps }, trainStep);
    const forwardMs = measureMs(() => void forwardOnce(), { samples: 5 });
    const trainStepMs = measureMs(() => void trainStep(), { samples: 5 });
    return { forwardMs, trainStepMs, firstOutput, firstLosses };
  } finally {
    optimizer.dispose();
    tf.dispose([x, target, ...variables]);
    const leaked = tf.memory().numTensors - before;
    if (leaked > 0) console.error(`  warning: tfjs-${backend} encoder left ${leaked} tensors undisposed`);
  }
}
