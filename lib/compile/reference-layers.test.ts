import { describe, expect, it } from 'vitest';
import type { StateDict } from '../nn/index.ts';
import { TransformerDecoderLayer, TransformerEncoderLayer } from '../nn/index.ts';
import { noGrad, Rng } from '../tensor/index.ts';
import { compileDesign } from './compile.ts';
import { sampleBatch } from './sample-batch.ts';
import { template } from './testing/designs.ts';

/** The state_dict of one block copy under nn.Transformer*Layer's names. */
function asTorchLayer(state: StateDict, prefix: string, rename: Record<string, string>): StateDict {
  const out: StateDict = {};
  for (const [key, value] of Object.entries(state)) {
    if (!key.startsWith(prefix)) continue;
    const [node, ...rest] = key.slice(prefix.length).split('.');
    out[[rename[node] ?? node, ...rest].filter((part) => part !== 'ffn').join('.')] = value;
  }
  return out;
}

// The compiled blocks use the layer names of the templates; PyTorch's layers use their own.
const POST_LN = { selfAttn: 'self_attn', crossAttn: 'multihead_attn', ffn: 'ffn', addNorm1: 'norm1', addNorm2: 'norm2', addNorm3: 'norm3' };
const PRE_LN = { selfAttn: 'self_attn', crossAttn: 'multihead_attn', ffn: 'ffn' };

describe('compiled blocks equal nn.TransformerEncoderLayer / DecoderLayer with the same weights', () => {
  it.each([
    ['tiny-transformer', false, POST_LN],
    ['tiny-pre-ln-transformer', true, PRE_LN],
  ] as const)('%s', (name, normFirst, rename) => {
    const doc = template(name);
    const outcome = compileDesign(doc);
    if (!outcome.ok) throw new Error(outcome.message);
    const model = outcome.model;
    const batch = sampleBatch(doc, model.inputs, 4, new Rng(9)).tensors;
    const { outputs } = noGrad(() => model.forward(batch));
    const state = model.stateDict();
    const options = { rng: new Rng(0), dimFeedforward: 64, dropout: 0, normFirst };

    const encoder = new TransformerEncoderLayer(32, 4, options);
    encoder.loadStateDict(asTorchLayer(state, 'nodes.encoder.layers.0.', rename));
    encoder.eval();
    const expectedMemory = noGrad(() => encoder.forward(outputs.srcPositions.out));
    Array.from(expectedMemory.data).forEach((v, i) => expect(outputs.encoder.out.data[i]).toBeCloseTo(v, 5));
    // A pre-LN stack ends with one more layer norm, and that is what the decoder reads.
    const memory = outputs[normFirst ? 'encoderNorm' : 'encoder'].out;

    const decoder = new TransformerDecoderLayer(32, 4, options);
    decoder.loadStateDict(asTorchLayer(state, 'nodes.decoder.layers.0.', rename));
    decoder.eval();
    const expected = noGrad(() => decoder.forward(outputs.tgtPositions.out, memory));
    Array.from(expected.data).forEach((v, i) => expect(outputs.decoder.out.data[i]).toBeCloseTo(v, 5));
  });
});
