/** tfjs's side of the matmul comparison (imported only after ours has been measured). */
import type { TfjsBackend } from './peers.ts';
import { measureMs, randomFloats } from './measure.ts';
import { activateTfjsBackend, tf } from './tfjs.ts';

/** GFLOP/s of an [m, k]·[k, n] tf.matMul on the given backend, with the same operand values as ours. */
export async function tfjsMatmulGflops(backend: TfjsBackend, m: number, k: number, n: number): Promise<number> {
  await activateTfjsBackend(backend);
  const a = tf.tensor2d(randomFloats(m * k, 1), [m, k]);
  const b = tf.tensor2d(randomFloats(k * n, 2), [k, n]);
  try {
    const ms = measureMs(() => {
      const c = tf.matMul(a, b);
      c.dataSync(); // forces the product to be computed and read back, like ours writing `out`
      c.dispose();
    });
    return (2 * m * k * n) / (ms * 1e6);
  } finally {
    a.dispose();
    b.dispose();
  }
}
