import { full, randn, uniform, type Rng, type Tensor } from '../tensor/index.ts';

/*
 * PyTorch's default initialisers (torch.nn.init), drawing from our seeded Rng
 * so a model is reproducible from its seed. Each returns a fresh leaf that
 * requires grad.
 */

/** U(-bound, bound), as torch.nn.init.uniform_(t, -bound, bound). */
export function uniformParameter(shape: number[], bound: number, rng: Rng): Tensor {
  return uniform(shape, -bound, bound, rng, { requiresGrad: true });
}

/** N(0, 1), as torch.nn.init.normal_ (nn.Embedding's default). */
export function normalParameter(shape: number[], rng: Rng): Tensor {
  return randn(shape, rng, { requiresGrad: true });
}

/** Every entry equal to `value` (ones for LayerNorm weight, zeros for biases). */
export function constantParameter(shape: number[], value: number): Tensor {
  return full(shape, value, { requiresGrad: true });
}

/** torch.nn.init.xavier_uniform_ for a 2-D [fanOut, fanIn] weight: U(±sqrt(6 / (fanIn + fanOut))). */
export function xavierUniformParameter(shape: [number, number], rng: Rng): Tensor {
  const [fanOut, fanIn] = shape;
  return uniformParameter(shape, Math.sqrt(6 / (fanIn + fanOut)), rng);
}

/**
 * nn.Linear's default: kaiming_uniform_(a=√5) gives bound = gain·√(3/fanIn) with
 * gain = √(2/(1+5)), which simplifies to 1/√fanIn (the bias uses the same bound).
 */
export function linearDefaultBound(fanIn: number): number {
  return fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
}
