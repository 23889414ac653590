import { add, linear, mul, sigmoid, split, tanh, type Tensor } from '../tensor/index.ts';
import { RecurrentBase, type RecurrentOptions } from './recurrent.ts';

export interface LstmOutput {
  /** The last layer's hidden state at every step [B, T, H]. */
  output: Tensor;
  /** Final hidden state per layer [numLayers, B, H] (PyTorch's h_n). */
  h: Tensor;
  /** Final cell state per layer [numLayers, B, H] (PyTorch's c_n). */
  c: Tensor;
}

/**
 * torch.nn.LSTM(batch_first=True), gates in PyTorch's order i, f, g, o:
 * c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'), each gate = W_ih x + b_ih + W_hh h + b_hh.
 */
export class LSTM extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions) {
    super(inputSize, hiddenSize, 4, options);
  }

  /** Runs x [B, T, inputSize] from state (h0, c0) [numLayers, B, H], zeros by default. */
  forward(x: Tensor, state: { h?: Tensor; c?: Tensor } = {}): LstmOutput {
    const [batch, steps] = this.checkInput('LSTM', x);
    const hidden = this.hiddenSize;
    let input = x;
    const finalH: Tensor[] = [];
    const finalC: Tensor[] = [];
    this.layers.forEach(({ weightIh, weightHh, biasIh, biasHh }, l) => {
      // The input projection of every step in one product; only the recurrence is sequential.
      const inputGates = linear(input, weightIh, biasIh);
      let h = this.initialState('LSTM', state.h, l, batch);
      let c = this.initialState('LSTM', state.c, l, batch);
      const outputs: Tensor[] = [];
      for (let t = 0; t < steps; t++) {
        const gates = add(linear(h, weightHh, biasHh), RecurrentBase.timeStep(inputGates, t));
        const [i, f, g, o] = split(gates, hidden, 1);
        c = add(mul(sigmoid(f), c), mul(sigmoid(i), tanh(g)));
        h = mul(sigmoid(o), tanh(c));
        outputs.push(h);
      }
      finalH.push(h);
      finalC.push(c);
      input = this.betweenLayers(RecurrentBase.stackSteps(outputs), l);
    });
    return { output: input, h: RecurrentBase.stackLayers(finalH), c: RecurrentBase.stackLayers(finalC) };
  }
}
