/** The encoder-layer comparison: ms per forward and per training step, ours (TS and WASM kernels) vs tfjs-cpu vs tfjs-wasm. */
import { kernels, setKernels, type Kernels } from '../../lib/tensor/kernels/index.ts';
import { plainKernels } from '../../lib/tensor/kernels/plain.ts';
import { defaultTorchWeights, describeEncoder, type EncoderRun, type TorchWeights } from './encoder-config.ts';
import { TFJS_BACKENDS, type TfjsBackend } from './peers.ts';
import type { BenchPart } from './section.ts';
import { renderTable, speedRatio, withUnit } from './table.ts';
import { wasmKernelsOrNull } from './matmul.ts';
import { randomFloats } from './measure.ts';
import { ENCODER } from './encoder-config.ts';
import { describeTorch, runTorchPeer } from './torch-peer.ts';

type Runs = { ours: EncoderRun | null; oursTs: EncoderRun | null; torch: EncoderRun | null } & Record<TfjsBackend, EncoderRun | null>;

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
async function runOurs(backend: Kernels | null, notes: string[]): Promise<{ run: EncoderRun | null; weights: TorchWeights }> {
  const previous = kernels();
  try {
    if (!backend) throw new Error('kernels did not load');
    setKernels(backend);
    const { makeOursEncoder, runOursEncoder } = await import('./encoder-ours.ts');
    const encoder = makeOursEncoder();
    const weights = encoder.layer.stateDict(); // before training, so tfjs starts from identical weights
    return { run: runOursEncoder(encoder), weights };
  } catch (error) {
    notes.push(`ours (${backend?.name ?? 'wasm'}): n/a (${(error as Error).message})`);
    return { run: null, weights: defaultTorchWeights() };
  } finally {
    setKernels(previous);
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

/** PyTorch's torch.nn.TransformerEncoderLayer from the same weights, input and target, when torch is there. */
function runTorch(runs: Runs, weights: TorchWeights, notes: string[]): void {
  const { batch, seq, dModel } = ENCODER;
  const size = batch * seq * dModel;
  const torch = runTorchPeer({
    encoder: { config: { ...ENCODER }, weights, input: randomFloats(size, 100), target: randomFloats(size, 101) },
  });
  if (!torch.ok || !torch.answer.encoder) {
    notes.push(`PyTorch: n/a (${torch.ok ? 'no encoder figures' : torch.reason})`);
    return;
  }
  const run = torch.answer.encoder;
  runs.torch = { ...run, firstOutput: Float32Array.from(run.firstOutput) };
  notes.push(describeTorch(torch.answer));
}

/** Equivalence check lines: same weights and input must give the same output and losses. */
function checkLines(runs: Runs): string[] {
  const ours = runs.ours;
  if (!ours) return [];
  const lines: string[] = [];
  const steps = ours.firstLosses.length;
  const lossText = (r: EncoderRun): string => r.firstLosses.map((l) => l.toFixed(6)).join(', ');
  lines.push(`  check (same initial weights and input): losses of the first ${steps} Adam steps`);
  lines.push(`    ours WASM  ${lossText(ours)}`);
  if (runs.oursTs) lines.push(`    ours TS    ${lossText(runs.oursTs)}   first forward max |WASM − TS| = ${maxAbsDiff(ours.firstOutput, runs.oursTs.firstOutput).toExponential(1)}`);
  for (const backend of TFJS_BACKENDS) {
    const r = runs[backend];
    if (!r) continue;
    const diff = maxAbsDiff(ours.firstOutput, r.firstOutput);
    lines.push(`    tfjs-${backend.padEnd(5)} ${lossText(r)}   first forward max |ours − tfjs-${backend}| = ${diff.toExponential(1)}`);
  }
  if (runs.torch) {
    lines.push(`    PyTorch    ${lossText(runs.torch)}   first forward max |ours − PyTorch| = ${maxAbsDiff(ours.firstOutput, runs.torch.firstOutput).toExponential(1)}`);
  }
  return lines;
}

/** How many times PyTorch's time ours takes (the target is ≤ 3×). */
function timesSlower(ours: EncoderRun | null, torch: EncoderRun | null, pick: (r: EncoderRun) => number): string {
  return ours && torch ? `${(pick(ours) / pick(torch)).toFixed(2)}×` : 'n/a';
}

/** The rendered table, equivalence check and notes. */
function render(runs: Runs, notes: string[]): string {
  // Speed is 1/ms, so ours/cpu speed ratio = cpu ms / ours ms.
  const speed = (r: EncoderRun | null, pick: (r: EncoderRun) => number): number | null => (r ? 1 / pick(r) : null);
  const row = (label: string, pick: (r: EncoderRun) => number): string[] => [
    label,
    withUnit(runs.oursTs ? pick(runs.oursTs) : null, 'ms'),
    withUnit(runs.ours ? pick(runs.ours) : null, 'ms'),
    withUnit(runs.cpu ? pick(runs.cpu) : null, 'ms'),
    withUnit(runs.wasm ? pick(runs.wasm) : null, 'ms'),
    withUnit(runs.torch ? pick(runs.torch) : null, 'ms'),
    speedRatio(speed(runs.ours, pick), speed(runs.cpu, pick), 'tfjs-cpu'),
    speedRatio(speed(runs.ours, pick), speed(runs.wasm, pick), 'tfjs-wasm'),
    timesSlower(runs.ours, runs.torch, pick),
  ];
  const table = renderTable(
    [
      { header: 'encoder layer', align: 'left' },
      { header: 'ours TS' },
      { header: 'ours WASM' },
      { header: 'tfjs-cpu' },
      { header: 'tfjs-wasm' },
      { header: 'PyTorch' },
      { header: 'WASM vs cpu' },
      { header: 'WASM vs wasm' },
      { header: 'WASM ms / PyTorch ms' },
    ],
    [row('forward', (r) => r.forwardMs), row('train step (fwd+bwd+Adam)', (r) => r.trainStepMs)],
  );
  return [
    `  ${describeEncoder()}; MSE loss to a fixed random target; ratios are speed-ups (>1 = ours faster)`,
    table,
    '  target: the training step in WASM at most 3× PyTorch\'s (OpenBLAS, one thread)',
    ...checkLines(runs),
    ...notes.map((n) => `  note: ${n}`),
  ].join('\n');
}

export const encoderPart: BenchPart = {
  name: 'encoder',
  title: 'Transformer encoder layer, ms per call (median, lower is better)',
  async measureOurs() {
    const notes: string[] = [];
    const oursTs = await runOurs(plainKernels, notes);
    const ours = await runOurs(wasmKernelsOrNull(), notes);
    return async () => {
      const runs: Runs = { ours: ours.run, oursTs: oursTs.run, cpu: null, wasm: null, torch: null };
      await runPeers(runs, oursTs.weights, notes);
      runTorch(runs, oursTs.weights, notes);
      return render(runs, notes);
    };
  },
};
