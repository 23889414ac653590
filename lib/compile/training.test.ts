import { describe, expect, it } from 'vitest';
import type { DesignDocument } from '../design/document.ts';
import { concat, crossEntropy, intTensor, mul, randn, reshape, Rng, sum, type Tensor } from '../tensor/index.ts';
import { Adam } from '../tensor/optim/index.ts';
import { gradCheckModule } from '../nn/index.ts';
import { compileDesign } from './compile.ts';
import type { CompiledModel } from './compiled-model.ts';
import { everyLayerDesign, template } from './testing/designs.ts';

function compiled(doc: DesignDocument): CompiledModel {
  const outcome = compileDesign(doc);
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.model;
}

const flat = (t: Tensor) => reshape(t, [t.size]);
const everyLayerBatch = () => ({ series: randn([2, 4, 2], new Rng(11)), tokens: intTensor([1, 2, 0, 3, 4, 0], [2, 3]) });
/** All the every-layer design's heads in one vector. */
const everyHead = (model: CompiledModel, batch: Record<string, Tensor>, training = false) => {
  const { outputs } = model.forward(batch, { training });
  return concat(['forecast', 'classifyFirst', 'classifyMean', 'probs', 'lmUntied'].map((id) => flat(outputs[id].out)), 0);
};

/** Counting sequences: the next token is always the current one plus 1 (mod vocab). */
function countingBatch(batchSize: number, steps: number, vocab: number, rng: Rng): { inputs: Tensor; targets: Tensor } {
  const inputs: number[] = [];
  const targets: number[] = [];
  for (let b = 0; b < batchSize; b++) {
    const start = rng.int(vocab);
    for (let t = 0; t < steps; t++) {
      inputs.push((start + t) % vocab);
      targets.push((start + t + 1) % vocab);
    }
  }
  return { inputs: intTensor(inputs, [batchSize, steps]), targets: intTensor(targets, [batchSize * steps]) };
}

describe('training through a compiled model', () => {
  it('every parameter of every node type receives a gradient', () => {
    const model = compiled(everyLayerDesign());
    const heads = everyHead(model, everyLayerBatch(), true);
    // A weighted sum: a plain sum of the softmax head is 1 per row, so its true gradient is exactly zero
    // (a zero-free gradient there was rounding noise, which the WebAssembly kernels do not make).
    sum(mul(heads, randn(heads.shape, new Rng(12)))).backward();
    for (const [name, p] of model.namedParameters()) {
      expect(p.grad, name).not.toBeNull();
      expect(Array.from(p.grad!.data).some((g) => g !== 0), name).toBe(true);
    }
  });

  it('the gradients agree with finite differences, through every node type', () => {
    const model = compiled(everyLayerDesign());
    const batch = everyLayerBatch();
    batch.series.requiresGrad = true;
    const result = gradCheckModule(model, () => everyHead(model, batch), [batch.series], { eps: 1e-2, atol: 3e-3, rtol: 3e-2 });
    expect(result.mismatches).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('a tiny GPT learns to count: Adam takes the loss far below chance (ln 64 ≈ 4.2)', () => {
    const model = compiled(template('tiny-decoder-language-model'));
    const optimizer = new Adam(model.parameters(), { lr: 1e-2 });
    const rng = new Rng(0);
    const losses: number[] = [];
    for (let step = 0; step < 60; step++) {
      const { inputs, targets } = countingBatch(4, 16, 64, rng);
      const logits = model.forward({ inputTokens: inputs }, { training: true }).outputs.head.out;
      const loss = crossEntropy(reshape(logits, [4 * 16, 64]), targets);
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
      losses.push(loss.item());
    }
    expect(Math.min(...losses.slice(-5))).toBeLessThan(0.5);
  });

  it.each(['tiny-transformer', 'tiny-pre-ln-transformer'])(
    '%s learns to read its source through cross-attention (chance is ln 14 ≈ 2.6)',
    (name) => {
      // Each source repeats one token; the decoder sees only BOS (1), so the answer must come from the memory.
      const model = compiled(template(name));
      const optimizer = new Adam(model.parameters(), { lr: 1e-2 });
      const rng = new Rng(1);
      const losses: number[] = [];
      for (let step = 0; step < 40; step++) {
        const tokens = Array.from({ length: 4 }, () => 2 + rng.int(14));
        const source = Array.from({ length: 48 }, (_, i) => tokens[Math.floor(i / 12)]);
        const feed = { srcTokens: intTensor(source, [4, 12]), tgtTokens: intTensor(Array(48).fill(1), [4, 12]) };
        const logits = model.forward(feed, { training: true }).outputs.head.out;
        const loss = crossEntropy(reshape(logits, [48, 16]), intTensor(source, [48]));
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        losses.push(loss.item());
      }
      expect(Math.max(...losses.slice(-3))).toBeLessThan(0.2);
    },
  );
});
