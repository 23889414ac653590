import { describe, expect, it } from 'vitest';
import { Rng, randn, tensor } from '../tensor/index.ts';
import { ACTIVATIONS } from './activation.ts';
import { FeedForward } from './feed-forward.ts';
import { gradCheckModule } from './gradcheck-module.ts';

describe('FeedForward', () => {
  it('is linear1 [dFf, d] → activation → dropout → linear2 [d, dFf] with PyTorch names', () => {
    const ff = new FeedForward(8, 32, { rng: new Rng(0) });
    expect(ff.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['linear1.weight', [32, 8]],
      ['linear1.bias', [32]],
      ['linear2.weight', [8, 32]],
      ['linear2.bias', [8]],
    ]);
  });

  it('applies the chosen activation between the two linears', () => {
    // 1-wide identity linears expose the activation itself.
    const values = [-2, -0.5, 0.5, 2];
    const expected: Record<string, (x: number) => number> = {
      relu: (x) => Math.max(x, 0),
      silu: (x) => x / (1 + Math.exp(-x)),
      // erf(−2/√2), erf(−0.5/√2) … from a table: GELU(x) = x·Φ(x)
      gelu: (x) => x * { '-2': 0.02275013, '-0.5': 0.30853754, '0.5': 0.69146246, '2': 0.97724987 }[String(x)]!,
      gelu_tanh: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
    };
    for (const activation of ACTIVATIONS) {
      const ff = new FeedForward(1, 1, { rng: new Rng(0), activation });
      ff.linear1.weight.data[0] = 1;
      ff.linear1.bias!.data[0] = 0;
      ff.linear2.weight.data[0] = 1;
      ff.linear2.bias!.data[0] = 0;
      const out = ff.forward(tensor(values, [4, 1])).toArray();
      out.forEach((v, i) => expect(v, `${activation}(${values[i]})`).toBeCloseTo(expected[activation](values[i]), 6));
    }
  });

  for (const activation of ACTIVATIONS) {
    it(`passes a finite-difference gradient check with ${activation}`, () => {
      const rng = new Rng(3);
      const ff = new FeedForward(3, 5, { rng, activation, dropout: 0.3 });
      const x = randn([2, 2, 3], rng, { requiresGrad: true });
      // Finite differences are meaningless across ReLU's kink: keep every pre-activation clear of 0.
      const preActivations = ff.linear1.forward(x).toArray();
      expect(Math.min(...preActivations.map(Math.abs))).toBeGreaterThan(0.01);
      expect(gradCheckModule(ff, () => ff.forward(x), [x], { eps: 1e-3 }).mismatches).toEqual([]);
    });
  }
});
