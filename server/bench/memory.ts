/** Memory over a long training run of our encoder layer: heap must stay flat (no leaked graphs or buffers). */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { BenchPart } from './section.ts';
import { renderTable } from './table.ts';

const STEPS = 500;
const EVERY = 100;

/**
 * A full garbage collection: global.gc when node runs with --expose-gc,
 * otherwise V8's gc exposed at runtime into a fresh context.
 */
function getGc(): { gc: () => void; how: string } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return { gc: exposed, how: '--expose-gc' };
  v8.setFlagsFromString('--expose-gc');
  return { gc: vm.runInNewContext('gc') as () => void, how: 'gc exposed at runtime via v8.setFlagsFromString' };
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(2)} MiB`;
}

function signedMib(bytes: number): string {
  return `${bytes >= 0 ? '+' : '−'}${mib(Math.abs(bytes))}`;
}

interface Sample {
  step: number;
  heapUsed: number;
  arrayBuffers: number;
  loss: number | null;
}

/** Trains our layer STEPS times, sampling memory after a full GC every EVERY steps. */
async function measureMemory(): Promise<string> {
  let makeOursEncoder: typeof import('./encoder-ours.ts').makeOursEncoder;
  try {
    ({ makeOursEncoder } = await import('./encoder-ours.ts'));
  } catch (error) {
    return `  n/a: our encoder layer could not be loaded (${(error as Error).message})`;
  }
  const { gc, how } = getGc();
  const encoder = makeOursEncoder(2);
  const samples: Sample[] = [];
  const sample = async (step: number, loss: number | null): Promise<void> => {
    // V8 frees typed-array backing stores on a background sweeper after a GC; give it a moment
    // and collect again so arrayBuffers is not read mid-sweep.
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
    const usage = process.memoryUsage();
    samples.push({ step, heapUsed: usage.heapUsed, arrayBuffers: usage.arrayBuffers, loss });
  };
  const t0 = performance.now();
  await sample(0, null);
  for (let step = 1; step <= STEPS; step++) {
    const loss = encoder.trainStep();
    if (step % EVERY === 0) await sample(step, loss);
  }
  const seconds = (performance.now() - t0) / 1000;

  const first = samples[0];
  const afterWarmup = samples[1];
  const last = samples[samples.length - 1];
  const rows = samples.map((s) => [
    String(s.step),
    mib(s.heapUsed),
    mib(s.arrayBuffers),
    s.loss === null ? '—' : s.loss.toFixed(4),
  ]);
  rows.push([`growth 0→${last.step}`, signedMib(last.heapUsed - first.heapUsed), signedMib(last.arrayBuffers - first.arrayBuffers), '']);
  rows.push([
    `growth ${afterWarmup.step}→${last.step}`,
    signedMib(last.heapUsed - afterWarmup.heapUsed),
    signedMib(last.arrayBuffers - afterWarmup.arrayBuffers),
    '',
  ]);
  const table = renderTable(
    [{ header: 'step', align: 'left' }, { header: 'heapUsed' }, { header: 'arrayBuffers' }, { header: 'loss' }],
    rows,
  );
  return [
    `  ${STEPS} training steps of our encoder layer in ${seconds.toFixed(1)} s; memory after a full GC (${how});`,
    `  arrayBuffers is where tensor data lives (typed arrays are off the JS heap); growth before step ${afterWarmup.step}`,
    `  includes one-time allocations (matmul scratch, JIT), so steady state is the ${afterWarmup.step}→${last.step} row`,
    table,
  ].join('\n');
}

export const memoryPart: BenchPart = {
  name: 'memory',
  title: `Memory over ${STEPS} training steps (ours)`,
  async measureOurs() {
    const text = await measureMemory();
    return async () => text;
  },
};
