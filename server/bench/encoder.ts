/** The encoder-layer comparison: ms per forward and per training step, ours vs tfjs-cpu vs tfjs-wasm. */
import { defaultTorchWeights, describeEncoder, type EncoderRun, type TorchWeights } from './encoder-config.ts';
import { TFJS_BACKENDS, type TfjsBackend } from './peers.ts';
import type { BenchPart } from './section.ts';
import { renderTable, speedRatio, withUnit } from './table.ts';

type Runs = { ours: EncoderRun | null } & Record<TfjsBackend, EncoderRun | null>;

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/**
 * Our layer (lib/nn, loaded lazily so a broken or missing lib shows as n/a
 * instead of failing the whole benchmark), and its initial weights for tfjs.
 */
async function runOurs(notes: string[]): Promise<{ run: EncoderRun | null; weights: TorchWeights }> {
  try {
    const { makeOursEncoder, runOursEncoder } = await import('./encoder-ours.ts');
    const encoder = makeOursEncoder();
    const weights = encoder.layer.stateDict(); // before training, so tfjs starts from identical weights
    return { run: runOursEncoder(encoder), weights };
  } catch (error) {
    notes.push(`ours: n/a (${(error as Error).message})`);
    return { run: null, weights: defaultTorchWeights() };
  }
}

/** The tfjs layer from the same initial weights on every tfjs backend. */
async function runPeers(runs: Runs, weights: TorchWeights, notes: string[]): Promise<void> {
  const { runTfjsEncoder } = await import('./encoder-tfjs.ts');
  for (const backend of TFJS_BACKENDS) {
    try {
      runs[backend] = await runTfjsEncoder(backend, weights);
    } catch (error) {
      notes.push(`tfjs-${backend}: n/a (${(error as Error).message})`);
    }
  }
}

/** Equivalence check lines: same weights and input must give the same output and losses. */
function checkLines(runs: Runs): string[] {
  const ours = runs.ours;
  if (!ours) return [];
  const lines: string[] = [];
  const steps = ours.firstLosses.length;
  const lossText = (r: EncoderRun): string => r.firstLosses.map((l) => l.toFixed(6)).join(', ');
  lines.push(`  check (same initial weights and input): losses of the first ${steps} Adam steps`);
  lines.push(`    ours       ${lossText(ours)}`);
  for (const backend of TFJS_BACKENDS) {
    const r = runs[backend];
    if (!r) continue;
    const diff = maxAbsDiff(ours.firstOutput, r.firstOutput);
    lines.push(`    tfjs-${backend.padEnd(5)} ${lossText(r)}   first forward max |ours − tfjs-${backend}| = ${diff.toExponential(1)}`);
  }
  return lines;
}

/** The rendered table, equivalence check and notes. */
function render(runs: Runs, notes: string[]): string {
  // Speed is 1/ms, so ours/cpu speed ratio = cpu ms / ours ms.
  const speed = (r: EncoderRun | null, pick: (r: EncoderRun) => number): number | null => (r ? 1 / pick(r) : null);
  const row = (label: string, pick: (r: EncoderRun) => number): string[] => [
    label,
    withUnit(runs.ours ? pick(runs.ours) : null, 'ms'),
    withUnit(runs.cpu ? pick(runs.cpu) : null, 'ms'),
    withUnit(runs.wasm ? pick(runs.wasm) : null, 'ms'),
    speedRatio(speed(runs.ours, pick), speed(runs.cpu, pick), 'tfjs-cpu'),
    speedRatio(speed(runs.ours, pick), speed(runs.wasm, pick), 'tfjs-wasm'),
  ];
  const table = renderTable(
    [
      { header: 'encoder layer', align: 'left' },
      { header: 'ours' },
      { header: 'tfjs-cpu' },
      { header: 'tfjs-wasm' },
      { header: 'ours vs cpu' },
      { header: 'ours vs wasm' },
    ],
    [row('forward', (r) => r.forwardMs), row('train step (fwd+bwd+Adam)', (r) => r.trainStepMs)],
  );
  return [
    `  ${describeEncoder()}; MSE loss to a fixed random target; ratios are speed-ups (>1 = ours faster)`,
    table,
    ...checkLines(runs),
    ...notes.map((n) => `  note: ${n}`),
  ].join('\n');
}

export const encoderPart: BenchPart = {
  name: 'encoder',
  title: 'Transformer encoder layer, ms per call (median, lower is better)',
  async measureOurs() {
    const notes: string[] = [];
    const ours = await runOurs(notes);
    return async () => {
      const runs: Runs = { ours: ours.run, cpu: null, wasm: null };
      await runPeers(runs, ours.weights, notes);
      return render(runs, notes);
    };
  },
};
