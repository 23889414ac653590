/** Matmul throughput: our kernel on raw Float32Arrays against tfjs-cpu and tfjs-wasm. */
import { kernels } from '../../lib/tensor/kernels/index.ts';
import { measureMs, randomFloats } from './measure.ts';
import { TFJS_BACKENDS, type TfjsBackend } from './peers.ts';
import type { BenchPart } from './section.ts';
import { renderTable, speedRatio, withUnit } from './table.ts';

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

/** GFLOP/s of kernels().matmul on plain Float32Arrays. */
function oursGflops({ m, k, n }: Shape): number {
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
  const matmul = kernels().matmul;
  return (2 * m * k * n) / (measureMs(() => matmul(args)) * 1e6);
}

export const matmulPart: BenchPart = {
  name: 'matmul',
  title: 'Matrix multiply, GFLOP/s (median of several runs, higher is better)',
  async measureOurs() {
    const ours = SHAPES.map(oursGflops);
    return async () => {
      const { tfjsMatmulGflops } = await import('./matmul-tfjs.ts');
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
          withUnit(ours[i], 'GFLOP/s'),
          withUnit(peer.cpu, 'GFLOP/s'),
          withUnit(peer.wasm, 'GFLOP/s'),
          speedRatio(ours[i], peer.cpu, 'tfjs-cpu'),
          speedRatio(ours[i], peer.wasm, 'tfjs-wasm'),
        ]);
      }
      return renderTable(
        [
          { header: 'matmul (float32, 1 thread)', align: 'left' },
          { header: `ours (${kernels().name})` },
          { header: 'tfjs-cpu' },
          { header: 'tfjs-wasm' },
          { header: 'ours / cpu' },
          { header: 'ours / wasm' },
        ],
        rows,
      );
    };
  },
};
