import { describe, expect, it } from 'vitest';
import { kernels, setKernels, type Kernels, type UnaryOp } from '../../lib/tensor/kernels/index.ts';
import { plainKernels } from '../../lib/tensor/kernels/plain.ts';
import { add, crossEntropy, div, exp, gelu, intTensor, linear, logSoftmax, matmul, mul, neg, randn, relu, reshape, Rng, sigmoid, silu, softmax, sub, sum, tanh, tensor, transpose, type Tensor } from '../../lib/tensor/index.ts';
import { AdamW } from '../../lib/tensor/optim/index.ts';
import { loadWasmKernels } from './load-kernels.ts';

const wasm = loadWasmKernels();
const BATCH = 2;
const SEQ = 5;
const D = 8;
const CLASSES = 6;

/** A toy attention-and-MLP model whose step exercises every kernel entry point (see the calls check below). */
function makeModel(seed: number) {
  const rng = new Rng(seed);
  const p = (shape: number[], scale = 0.3) => tensor(Float32Array.from(randn(shape, rng).data, (v) => v * scale), shape, { requiresGrad: true });
  const params = { w1: p([D, D]), b1: p([D]), scale: p([D]), wShared: p([1, D, D]), wOut: p([CLASSES, D]), bOut: p([CLASSES]) };
  const x = randn([BATCH, SEQ, D], rng);
  const targets = intTensor(Array.from({ length: BATCH * SEQ }, (_, i) => (i * 5) % CLASSES), [BATCH * SEQ]);
  const forward = (): Tensor => {
    let h = linear(x, params.w1, params.b1); // matmul; bias gradient = row sums
    h = add(gelu(h), mul(silu(h), 0.5)); // same-shape add, scalar mul
    h = sub(gelu(h, 'tanh'), mul(tanh(h), params.scale)); // trailing-dims broadcast mul [D] over [B, S, D]
    h = div(h, add(sigmoid(h), 1)); // same-shape div, scalar add
    h = add(h, mul(exp(neg(relu(h))), 0.1));
    const scores = matmul(mul(h, 0.35), transpose(h, 1, 2)); // batched [B, S, D] × [B, D, S]
    const context = matmul(softmax(scores), h); // softmax backward, batched product
    const mixed = matmul(context, params.wShared); // a broadcast weight: its gradient sums every batch
    const logits = linear(mixed, params.wOut, params.bOut);
    const flat = reshape(logits, [BATCH * SEQ, CLASSES]);
    // Log-softmax backward through an explicit mean negative log-likelihood, plus cross-entropy.
    const picked = mul(logSoftmax(flat), oneHot(targets, CLASSES));
    return add(mul(sum(picked), -1 / (BATCH * SEQ)), crossEntropy(flat, targets));
  };
  return { params: Object.values(params), forward };
}

function oneHot(targets: Tensor, classes: number): Tensor {
  const rows = targets.size;
  const data = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) data[r * classes + targets.data[r]] = 1;
  return tensor(data, [rows, classes]);
}

/** Losses of `steps` AdamW steps on `backend`; afterStep sees each step's index. */
function train(backend: Kernels, steps: number, afterStep: (step: number) => void = () => {}): number[] {
  const previous = kernels();
  setKernels(backend);
  try {
    const model = makeModel(7);
    const opt = new AdamW(model.params, { lr: 3e-3 });
    return Array.from({ length: steps }, (_, step) => {
      const loss = model.forward();
      loss.backward();
      opt.step();
      opt.zeroGrad();
      afterStep(step);
      return loss.item();
    });
  } finally {
    setKernels(previous);
  }
}

/** The backend with every call counted by entry point (unary ones by op too). */
function counting(backend: Kernels): { kernels: Kernels; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const hit = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  const counted = { ...backend } as Record<string, unknown>;
  for (const [name, fn] of Object.entries(backend)) {
    if (typeof fn !== 'function') continue;
    counted[name] = (...args: unknown[]) => {
      hit(name);
      if (name === 'unary' || name === 'unaryBackward') hit(`${name}:${args[0] as UnaryOp}`);
      if (name === 'softmaxRowsBackward') hit(`${name}:${args[5] ? 'log' : 'plain'}`);
      if (name === 'binary') hit(`binary:${args[0] as string}:${args[2] === args[6] && args[4] === args[6] ? 'same' : 'broadcast'}`);
      return (fn as (...a: unknown[]) => unknown).apply(backend, args);
    };
  }
  return { kernels: counted as unknown as Kernels, calls };
}

describe('a training step on every WebAssembly kernel', () => {
  it('runs every new kernel entry point, and trains to the same losses as the TS kernels', () => {
    const { kernels: counted, calls } = counting(wasm);
    const w = train(counted, 4);
    const expected = [
      'matmul', 'matmulBatched', 'sumRowsInto', 'softmaxRows', 'softmaxRowsBackward:plain', 'softmaxRowsBackward:log', 'adamStep',
      'binary:add:same', 'binary:add:broadcast', 'binary:sub:same', 'binary:mul:same', 'binary:mul:broadcast', 'binary:div:same',
      ...(['relu', 'gelu', 'gelu_tanh', 'silu', 'sigmoid', 'tanh', 'exp', 'neg'] as const).flatMap((op) => [`unary:${op}`, `unaryBackward:${op}`]),
    ];
    for (const name of expected) expect(calls.get(name) ?? 0, name).toBeGreaterThan(0);
    const t = train(plainKernels, 4);
    expect(w[3]).toBeLessThan(w[0]);
    for (let i = 0; i < 4; i++) expect(Math.abs(w[i] - t[i])).toBeLessThan(1e-5 * Math.abs(t[i]) + 1e-6);
  });

  it('leaves its module memory flat over 2,000 such training steps', () => {
    const sizes: number[] = [];
    train(wasm, 2000, (step) => {
      if (step === 10 || step === 1999) sizes.push(wasm.memoryBytes());
    });
    expect(sizes).toHaveLength(2);
    expect(sizes[1]).toBe(sizes[0]);
  });
});
