/** Matmul throughput: our TS and WASM kernels on raw Float32Arrays against tfjs-cpu and tfjs-wasm. */
import type { Kernels } from '../../lib/tensor/kernels/index.ts';
import { plainKernels } from '../../lib/tensor/kernels/plain.ts';
import type { WasmKernels } from '../../lib/tensor/wasm/wasm-kernels.ts';
import { loadWasmKernels, type LoadWasmOptions } from '../kernels/load-kernels.ts';
import { measureMs, randomFloats } from './measure.ts';
import { TFJS_BACKENDS, type TfjsBackend } from './peers.ts';
import type { BenchPart } from './section.ts';
import { renderTable, speedRatio, withUnit } from './table.ts';
import { describeTorch, runTorchPeer } from './torch-peer.ts';

interface Shape {
  m: number;
  k: number;
  n: number;
}

const SHAPES: Shape[] = [
  { m: 128, k: 128, n: 128 },
  { m: 256, k: 256, n: 256 },
  { m: 512, k: 512, n: 512 },
  { m: 512, k: 128, n: 512 },
];

/** Our WebAssembly kernels (the build the runtime picks, or the SIMD128 one), or null (with the reason on stderr) when kernels.wasm does not load. */
export function wasmKernelsOrNull(options: LoadWasmOptions = {}): WasmKernels | null {
  try {
    return loadWasmKernels(undefined, options);
  } catch (error) {
    console.error(`  our WebAssembly kernels did not load: ${(error as Error).message}`);
    return null;
  }
}

/** GFLOP/s of one backend's matmul on plain Float32Arrays, after a warm-up long enough for V8 to optimise wasm. */
function oursGflops(backend: Kernels, { m, k, n }: Shape): number {
  const args = {
    a: randomFloats(m * k, 1),
    aOffset: 0,
    b: randomFloats(k * n, 2),
    bOffset: 0,
    out: new Float32Array(m * n),
    outOffset: 0,
    m,
    k,
    n,
    transA: false,
    transB: false,
    accumulate: false,
  };
  const matmul = backend.matmul;
  // The first wasm calls run unoptimised (Liftoff) until TurboFan's code arrives: warm up for ~300 ms.
  for (const t0 = performance.now(); performance.now() - t0 < 300; ) matmul(args);
  return (2 * m * k * n) / (measureMs(() => matmul(args)) * 1e6);
}

export const matmulPart: BenchPart = {
  name: 'matmul',
  title: 'Matrix multiply, GFLOP/s (median of several runs, higher is better)',
  async measureOurs() {
    const ts = SHAPES.map((shape) => oursGflops(plainKernels, shape));
    const wasmKernels = wasmKernelsOrNull();
    const wasm = SHAPES.map((shape) => (wasmKernels ? oursGflops(wasmKernels, shape) : null));
    // When the runtime runs the relaxed-SIMD build (fused multiply-add), the SIMD128 fallback is shown beside it.
    const simd128Kernels = wasmKernels?.simd === 'relaxed-simd' ? wasmKernelsOrNull({ relaxed: false }) : null;
    const simd128 = SHAPES.map((shape) => (simd128Kernels ? oursGflops(simd128Kernels, shape) : null));
    const wasmBuild = wasmKernels ? `${wasmKernels.simd}${wasmKernels.simd === 'relaxed-simd' ? ', fused multiply-add' : ''}` : 'did not load';
    return async () => {
      const { tfjsMatmulGflops } = await import('./matmul-tfjs.ts');
      const torch = runTorchPeer({ matmul: SHAPES });
      const torchGflops = torch.ok ? (torch.answer.matmul ?? []) : [];
      const rows: string[][] = [];
      for (const [i, shape] of SHAPES.entries()) {
        const peer: Record<TfjsBackend, number | null> = { cpu: null, wasm: null };
        for (const backend of TFJS_BACKENDS) {
          try {
            peer[backend] = await tfjsMatmulGflops(backend, shape.m, shape.k, shape.n);
          } catch (error) {
            console.error(`  tfjs-${backend} matmul failed: ${(error as Error).message}`);
          }
        }
        rows.push([
          `${shape.m}×${shape.k} · ${shape.k}×${shape.n}`,
          withUnit(ts[i], 'GFLOP/s'),
          withUnit(wasm[i], 'GFLOP/s'),
          withUnit(simd128[i], 'GFLOP/s'),
          withUnit(peer.cpu, 'GFLOP/s'),
          withUnit(peer.wasm, 'GFLOP/s'),
          withUnit(torchGflops[i] ?? null, 'GFLOP/s'),
          speedRatio(ts[i], peer.cpu, 'tfjs-cpu'),
          speedRatio(wasm[i], peer.wasm, 'tfjs-wasm'),
          speedRatio(simd128[i], peer.wasm, 'tfjs-wasm'),
          speedRatio(wasm[i], torchGflops[i] ?? null, 'PyTorch'),
        ]);
      }
      const table = renderTable(
        [
          { header: 'matmul (float32, 1 thread)', align: 'left' },
          { header: 'ours TS' },
          { header: 'ours WASM' },
          { header: 'ours SIMD128' },
          { header: 'tfjs-cpu' },
          { header: 'tfjs-wasm' },
          { header: 'PyTorch' },
          { header: 'ours TS / cpu' },
          { header: 'ours WASM / wasm' },
          { header: 'SIMD128 / wasm' },
          { header: 'ours WASM / PyTorch' },
        ],
        rows,
      );
      const target = [
        `  ours WASM: the build the runtime runs (${wasmBuild}); ours SIMD128: the plain-SIMD128 fallback build, when that is not it`,
        '  target: ours WASM at least 1.35× tfjs-wasm at every size',
      ].join('\n');
      return [table, target, `  PyTorch: ${torch.ok ? describeTorch(torch.answer) : `n/a (${torch.reason})`}`].join('\n');
    };
  },
};
