import { add, slice, tensor, type Rng, type Tensor } from '../tensor/index.ts';
import { normalParameter } from './init.ts';
import { Module } from './module.ts';

/**
 * The fixed sinusoidal table of "Attention Is All You Need" §3.5:
 * PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)).
 */
export function sinusoidalTable(maxLen: number, dModel: number): Float32Array {
  const table = new Float32Array(maxLen * dModel);
  for (let pos = 0; pos < maxLen; pos++) {
    for (let i = 0; 2 * i < dModel; i++) {
      const angle = pos / Math.pow(10000, (2 * i) / dModel);
      table[pos * dModel + 2 * i] = Math.sin(angle);
      if (2 * i + 1 < dModel) table[pos * dModel + 2 * i + 1] = Math.cos(angle);
    }
  }
  return table;
}

function checkInput(name: string, x: Tensor, maxLen: number, dModel: number): number {
  if (x.shape.length !== 3 || x.shape[2] !== dModel) {
    throw new Error(`${name}: expected input [batch, seq, ${dModel}], got [${x.shape.join(',')}]`);
  }
  const seqLen = x.shape[1];
  if (seqLen > maxLen) throw new Error(`${name}: sequence length ${seqLen} exceeds maxLen ${maxLen}`);
  return seqLen;
}

/** Adds the fixed sinusoidal encoding to x [B, T, d]; no parameters (a buffer in PyTorch). */
export class SinusoidalPositionalEncoding extends Module {
  /** The whole table [maxLen, dModel], for display as a heatmap. */
  readonly matrix: Tensor;

  constructor(
    readonly dModel: number,
    readonly maxLen = 512,
  ) {
    super();
    this.matrix = tensor(sinusoidalTable(maxLen, dModel), [maxLen, dModel]);
  }

  /** Returns x + PE[:T], broadcast over the batch. */
  forward(x: Tensor): Tensor {
    const seqLen = checkInput('SinusoidalPositionalEncoding', x, this.maxLen, this.dModel);
    return add(x, slice(this.matrix, 0, 0, seqLen));
  }
}

/** Adds a learned position vector, weight [maxLen, d] ~ N(0, 1) (an nn.Embedding over positions). */
export class LearnedPositionalEmbedding extends Module {
  readonly weight: Tensor;

  constructor(
    readonly maxLen: number,
    readonly dModel: number,
    options: { rng: Rng },
  ) {
    super();
    this.weight = this.registerParameter('weight', normalParameter([maxLen, dModel], options.rng));
  }

  /** Returns x + weight[:T], broadcast over the batch. */
  forward(x: Tensor): Tensor {
    const seqLen = checkInput('LearnedPositionalEmbedding', x, this.maxLen, this.dModel);
    return add(x, slice(this.weight, 0, 0, seqLen));
  }
}
