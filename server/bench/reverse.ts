/**
 * The runtime issue's reverse task (2 encoder layers, d_model 32, length 8,
 * vocab 10): wall time until 99% held-out token accuracy, with each of our
 * kernel backends. Accuracy is checked every 25 steps, and the checks count
 * in the wall time (they are part of getting there).
 */
import { heldOutAccuracy, REVERSE_BASE, train } from '../../lib/nn/testing/reverse-experiment.ts';
import { kernels, setKernels, type Kernels } from '../../lib/tensor/kernels/index.ts';
import { plainKernels } from '../../lib/tensor/kernels/plain.ts';
import { wasmKernelsOrNull } from './matmul.ts';
import type { BenchPart } from './section.ts';
import { renderTable, withUnit } from './table.ts';

const TARGET_ACCURACY = 0.99;
const CHECK_EVERY = 25;
const MAX_STEPS = 1500;

interface ReverseRun {
  ms: number;
  steps: number;
  accuracy: number;
  reached: boolean;
}

function timeToTarget(backend: Kernels, normFirst: boolean): ReverseRun {
  const previous = kernels();
  setKernels(backend);
  try {
    let accuracy = 0;
    let steps = 0;
    const started = performance.now();
    train({ ...REVERSE_BASE, normFirst, steps: MAX_STEPS }, (step, model) => {
      steps = step;
      if (step % CHECK_EVERY !== 0) return false;
      accuracy = heldOutAccuracy(model);
      return accuracy >= TARGET_ACCURACY;
    });
    return { ms: performance.now() - started, steps, accuracy, reached: accuracy >= TARGET_ACCURACY };
  } finally {
    setKernels(previous);
  }
}

export const reversePart: BenchPart = {
  name: 'reverse',
  title: `Reverse task (2-layer encoder, d_model 32, length 8, vocab 10): wall time to ${TARGET_ACCURACY * 100}% held-out token accuracy`,
  async measureOurs() {
    const wasm = wasmKernelsOrNull();
    const backends: [string, Kernels | null][] = [
      ['ours TS', plainKernels],
      ['ours WASM', wasm],
    ];
    const rows: string[][] = [];
    for (const normFirst of [false, true]) {
      for (const [name, backend] of backends) {
        const run = backend ? timeToTarget(backend, normFirst) : null;
        rows.push([
          `${normFirst ? 'pre' : 'post'}-LN, ${name}`,
          run ? `${run.steps}` : 'n/a',
          run ? `${(run.accuracy * 100).toFixed(1)}%${run.reached ? '' : ' (not reached)'}` : 'n/a',
          withUnit(run ? run.ms / 1000 : null, 's'),
          run ? (run.reached && run.ms < 5000 ? '✓' : '✗') : '',
        ]);
      }
    }
    return async () =>
      [
        renderTable(
          [{ header: 'model, kernels', align: 'left' }, { header: 'steps' }, { header: 'held-out accuracy' }, { header: 'wall time' }, { header: 'target < 5 s' }],
          rows,
        ),
        `  Adam lr ${REVERSE_BASE.lr}, batch ${REVERSE_BASE.batch}, seed ${REVERSE_BASE.seed}; accuracy on 500 unseen sequences checked every ${CHECK_EVERY} steps (included in the time)`,
      ].join('\n');
  },
};
