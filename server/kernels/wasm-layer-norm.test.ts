import { describe, expect, it } from 'vitest';
import type { LayerNormBackwardArgs } from '../../lib/tensor/kernels/index.ts';
import { plainLayerNormBackward, plainLayerNormForward } from '../../lib/tensor/kernels/layer-norm-rows.ts';
import { Rng } from '../../lib/tensor/index.ts';
import { loadWasmKernels } from './load-kernels.ts';

const wasm = loadWasmKernels();

function randoms(rng: Rng, n: number, scale = 1, shift = 0): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale + shift);
}

function expectClose(actual: Float32Array | Float64Array, expected: Float32Array | Float64Array, tol: number, label: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])))) throw new Error(`${label}[${i}]: wasm ${actual[i]}, ts ${expected[i]}`);
  }
}

describe('WebAssembly SIMD layer norm', () => {
  it('matches the TypeScript kernels forward and backward, with and without affine parameters, on odd widths', () => {
    const rng = new Rng(21);
    for (const d of [1, 3, 4, 7, 32, 129]) {
      for (const affine of [true, false]) {
        const rows = 6;
        const x = randoms(rng, rows * d, 3, 0.5);
        const weight = affine ? randoms(rng, d, 1, 1) : null;
        const bias = affine ? randoms(rng, d) : null;
        const fw = { x, weight, bias, rows, d, eps: 1e-5 };
        const w = { y: new Float32Array(rows * d), mean: new Float64Array(rows), rstd: new Float64Array(rows) };
        const t = { y: new Float32Array(rows * d), mean: new Float64Array(rows), rstd: new Float64Array(rows) };
        wasm.layerNormForward({ ...fw, ...w });
        plainLayerNormForward({ ...fw, ...t });
        const label = `d=${d} affine=${affine}`;
        expectClose(w.y, t.y, 2e-5, `${label} y`);
        expectClose(w.mean, t.mean, 1e-6, `${label} mean`);
        expectClose(w.rstd, t.rstd, 1e-6, `${label} rstd`);

        const g = randoms(rng, rows * d);
        // Gradients accumulate onto what is there.
        const start = { gx: randoms(rng, rows * d), gw: affine ? randoms(rng, d) : null, gb: affine ? randoms(rng, d) : null };
        const copy = (a: Float32Array | null) => (a ? Float32Array.from(a) : null);
        const bw: Omit<LayerNormBackwardArgs, 'gx' | 'gw' | 'gb'> = { x, weight, g, mean: t.mean, rstd: t.rstd, rows, d };
        const wg = { gx: copy(start.gx), gw: copy(start.gw), gb: copy(start.gb) };
        const tg = { gx: copy(start.gx), gw: copy(start.gw), gb: copy(start.gb) };
        wasm.layerNormBackward({ ...bw, ...wg });
        plainLayerNormBackward({ ...bw, ...tg });
        expectClose(wg.gx!, tg.gx!, 5e-5, `${label} gx`);
        if (affine) {
          expectClose(wg.gw!, tg.gw!, 5e-5, `${label} gw`);
          expectClose(wg.gb!, tg.gb!, 5e-5, `${label} gb`);
          expect(wg.gb).not.toEqual(start.gb);
        }
      }
    }
  });

  it('computes only the gradients asked for', () => {
    const rng = new Rng(22);
    const d = 8;
    const x = randoms(rng, 2 * d);
    const stats = { mean: new Float64Array(2), rstd: new Float64Array(2) };
    wasm.layerNormForward({ x, weight: null, bias: null, y: new Float32Array(2 * d), ...stats, rows: 2, d, eps: 1e-5 });
    const gw = new Float32Array(d);
    wasm.layerNormBackward({ x, weight: randoms(rng, d), g: randoms(rng, 2 * d), ...stats, gx: null, gw, gb: null, rows: 2, d });
    expect(gw.some((v) => v !== 0)).toBe(true);
  });
});
