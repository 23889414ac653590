import { add, linear, mul, sigmoid, split, sub, tanh, type Tensor } from '../tensor/index.ts';
import { RecurrentBase, type RecurrentOptions } from './recurrent.ts';

export interface GruOutput {
  /** The last layer's hidden state at every step [B, T, H]. */
  output: Tensor;
  /** Final hidden state per layer [numLayers, B, H] (PyTorch's h_n). */
  h: Tensor;
}

/**
 * torch.nn.GRU(batch_first=True), gates in PyTorch's order r, z, n:
 * r = σ(W_ir x + b_ir + W_hr h + b_hr), z likewise,
 * n = tanh(W_in x + b_in + r·(W_hn h + b_hn)), h' = (1 − z)·n + z·h.
 */
export class GRU extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions) {
    super(inputSize, hiddenSize, 3, options);
  }

  /** Runs x [B, T, inputSize] from h0 [numLayers, B, H], zeros by default. */
  forward(x: Tensor, h0?: Tensor): GruOutput {
    const [batch, steps] = this.checkInput('GRU', x);
    const hidden = this.hiddenSize;
    let input = x;
    const finalH: Tensor[] = [];
    this.layers.forEach(({ weightIh, weightHh, biasIh, biasHh }, l) => {
      const inputGates = linear(input, weightIh, biasIh);
      let h = this.initialState('GRU', h0, l, batch);
      const outputs: Tensor[] = [];
      for (let t = 0; t < steps; t++) {
        const [xr, xz, xn] = split(RecurrentBase.timeStep(inputGates, t), hidden, 1);
        const [hr, hz, hn] = split(linear(h, weightHh, biasHh), hidden, 1);
        const r = sigmoid(add(hr, xr));
        const z = sigmoid(add(hz, xz));
        const n = tanh(add(xn, mul(hn, r)));
        // ATen's form of (1 − z)·n + z·h.
        h = add(mul(sub(h, n), z), n);
        outputs.push(h);
      }
      finalH.push(h);
      input = this.betweenLayers(RecurrentBase.stackSteps(outputs), l);
    });
    return { output: input, h: RecurrentBase.stackLayers(finalH) };
  }
}
