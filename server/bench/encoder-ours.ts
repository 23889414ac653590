/** Our runtime's side of the encoder benchmark: lib/nn's TransformerEncoderLayer trained with lib's Adam. */
import { TransformerEncoderLayer } from '../../lib/nn/index.ts';
import { mseLoss, noGrad, Rng, tensor, type Tensor } from '../../lib/tensor/index.ts';
import { Adam } from '../../lib/tensor/optim/index.ts';
import { ENCODER, type EncoderRun } from './encoder-config.ts';
import { measureMs, randomFloats } from './measure.ts';

/** The reference layer, its fixed input and target, and one-call forward / train step. */
export interface OursEncoder {
  layer: TransformerEncoderLayer;
  /** Forward without recording a graph (what inference does). */
  forward(): Tensor;
  /** Forward, MSE loss, backward, Adam step, zeroGrad; returns the loss. */
  trainStep(): number;
}

/** Builds the layer with seeded weights and the same input/target values the tfjs side uses. */
export function makeOursEncoder(seed = 1): OursEncoder {
  const { batch, seq, dModel, heads, dFf } = ENCODER;
  const layer = new TransformerEncoderLayer(dModel, heads, {
    rng: new Rng(seed),
    dimFeedforward: dFf,
    dropout: 0,
    activation: 'relu',
    normFirst: false,
    layerNormEps: ENCODER.layerNormEps,
  });
  const x = tensor(randomFloats(batch * seq * dModel, 100), [batch, seq, dModel]);
  const target = tensor(randomFloats(batch * seq * dModel, 101), [batch, seq, dModel]);
  const optimizer = new Adam(layer.parameters(), { lr: ENCODER.learningRate });
  return {
    layer,
    forward: () => noGrad(() => layer.forward(x)),
    trainStep: () => {
      const loss = mseLoss(layer.forward(x), target);
      loss.backward();
      optimizer.step();
      optimizer.zeroGrad();
      return loss.item();
    },
  };
}

/** Our layer's first forward output and first losses (for the equivalence check), then its timings. */
export function runOursEncoder(encoder: OursEncoder = makeOursEncoder()): EncoderRun {
  const firstOutput = Float32Array.from(encoder.forward().data);
  const firstLosses = Array.from({ length: ENCODER.checkSteps }, () => encoder.trainStep());
  const forwardMs = measureMs(() => void encoder.forward(), { samples: 7 });
  const trainStepMs = measureMs(() => void encoder.trainStep(), { samples: 7 });
  return { forwardMs, trainStepMs, firstOutput, firstLosses };
}
