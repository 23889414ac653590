import { describe, expect, it } from 'vitest';
import { TransformerEncoderLayer } from '../../lib/nn/index.ts';
import { kernels, setKernels, type AdamStepArgs, type Kernels } from '../../lib/tensor/kernels/index.ts';
import { plainKernels } from '../../lib/tensor/kernels/plain.ts';
import { plainAdamStep } from '../../lib/tensor/kernels/adam-step.ts';
import { mseLoss, Rng, tensor } from '../../lib/tensor/index.ts';
import { AdamW } from '../../lib/tensor/optim/index.ts';
import { loadWasmKernels } from './load-kernels.ts';

const wasm = loadWasmKernels();
const f = Math.fround;

function randomArray(rng: Rng, n: number, scale: number): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
}

describe('WebAssembly SIMD Adam/AdamW step', () => {
  it('gives bit-identical parameters and moments to the TypeScript kernel, for Adam with L2, AdamW and odd lengths', () => {
    const rng = new Rng(5);
    for (const n of [1, 3, 4, 7, 64, 1001]) {
      for (const variant of ['adam', 'adam-l2', 'adamw'] as const) {
        const args: AdamStepArgs = {
          param: randomArray(rng, n, 1),
          grad: randomArray(rng, n, 0.1),
          expAvg: randomArray(rng, n, 0.01),
          expAvgSq: Float32Array.from(randomArray(rng, n, 1e-4), Math.abs),
          decay: variant === 'adamw' ? f(1 - 1e-3 * 0.01) : null,
          l2: variant === 'adam-l2' ? f(0.1) : 0,
          lerpWeight: f(0.1),
          beta2: f(0.999),
          oneMinusBeta2: f(1 - 0.999),
          negStepSize: f(-(1e-3 / (1 - 0.9 ** 3))),
          biasCorrection2Sqrt: f(Math.sqrt(1 - 0.999 ** 3)),
          eps: f(1e-8),
        };
        const ts = { ...args, param: Float32Array.from(args.param), expAvg: Float32Array.from(args.expAvg), expAvgSq: Float32Array.from(args.expAvgSq) };
        const grad = Float32Array.from(args.grad);
        wasm.adamStep(args);
        plainAdamStep(ts);
        expect(args.param).toEqual(ts.param);
        expect(args.expAvg).toEqual(ts.expAvg);
        expect(args.expAvgSq).toEqual(ts.expAvgSq);
        expect(args.grad).toEqual(grad);
        expect(args.param.some(Number.isNaN)).toBe(false);
      }
    }
  });

  it('trains an encoder layer like the TypeScript kernels (same losses within float32 rounding)', () => {
    const ts = trainLosses(plainKernels, 5);
    const ws = trainLosses(wasm, 5);
    expect(ws[4]).toBeLessThan(ws[0]);
    for (let i = 0; i < 5; i++) expect(Math.abs(ws[i] - ts[i])).toBeLessThan(1e-5 * Math.abs(ts[i]) + 1e-6);
  });

  it('leaves its module memory flat over 2,000 training steps', () => {
    const start: number[] = [];
    trainLosses(wasm, 2000, (step) => {
      if (step === 10) start.push(wasm.memoryBytes());
    });
    expect(start).toHaveLength(1);
    expect(wasm.memoryBytes()).toBe(start[0]);
  });
});

/** Loss after each AdamW step of a small encoder layer on a fixed batch, on the given kernels. */
function trainLosses(backend: Kernels, steps: number, afterStep: (step: number) => void = () => {}): number[] {
  const previous = kernels();
  setKernels(backend);
  try {
    const dModel = steps > 10 ? 8 : 16;
    const layer = new TransformerEncoderLayer(dModel, 2, { rng: new Rng(3), dimFeedforward: 2 * dModel, dropout: 0 });
    const rng = new Rng(4);
    const x = tensor(randomArray(rng, 2 * 5 * dModel, 1), [2, 5, dModel]);
    const target = tensor(randomArray(rng, 2 * 5 * dModel, 1), [2, 5, dModel]);
    const opt = new AdamW(layer.parameters(), { lr: 1e-2 });
    return Array.from({ length: steps }, (_, step) => {
      const loss = mseLoss(layer.forward(x), target);
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
