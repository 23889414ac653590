import type { DesignDocument } from '../design/document.ts';
import { intTensor, tensor, type Rng, type Tensor } from '../tensor/index.ts';
import type { ModelInput } from './model-inputs.ts';

/** A sample batch: the tensors to feed, and the same values as nested arrays for display. */
export interface SampleBatch {
  tensors: Record<string, Tensor>;
  /** Per input node: token ids [B][T] or series [B][T][F]. */
  values: Record<string, number[][] | number[][][]>;
}

/** The pad id of each token input that feeds a padding mask. */
function padIds(doc: DesignDocument): Map<string, number> {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const pads = new Map<string, number>();
  for (const edge of doc.edges) {
    const mask = byId.get(edge.target.node);
    if (mask?.type === 'padding-mask' && byId.get(edge.source.node)?.type === 'token-input') {
      pads.set(edge.source.node, mask.params.padId as number);
    }
  }
  return pads;
}

/**
 * A seeded batch for a forward pass: random token ids within each input's
 * vocabulary (padded at the end where a padding mask reads the input, so
 * the mask shows in sample 0's attention), and smooth random series (two
 * sines with random frequency, phase and amplitude, plus a little noise).
 */
export function sampleBatch(doc: DesignDocument, inputs: readonly ModelInput[], batchSize: number, rng: Rng): SampleBatch {
  const pads = padIds(doc);
  const tensors: Record<string, Tensor> = {};
  const values: Record<string, number[][] | number[][][]> = {};
  for (const input of inputs) {
    const steps = input.seqLen;
    if (input.kind === 'tokens') {
      const padId = pads.get(input.nodeId);
      const rows = Array.from({ length: batchSize }, (_, b) => tokenRow(steps, input.vocab, padId, b, rng));
      values[input.nodeId] = rows;
      tensors[input.nodeId] = intTensor(rows.flat(), [batchSize, steps]);
    } else {
      const rows = Array.from({ length: batchSize }, () => seriesRows(steps, input.features, rng));
      values[input.nodeId] = rows;
      tensors[input.nodeId] = tensor(rows.flat(2), [batchSize, steps, input.features]);
    }
  }
  return { tensors, values };
}

function tokenRow(steps: number, vocab: number, padId: number | undefined, example: number, rng: Rng): number[] {
  const padded = padId !== undefined && padId < vocab && vocab > 1;
  // Sample 0 always shows some padding (from 4 positions on); the others a random length of at least half.
  const length = !padded
    ? steps
    : example === 0
      ? steps - Math.floor(steps / 4)
      : Math.ceil(steps / 2) + rng.int(steps - Math.ceil(steps / 2) + 1);
  return Array.from({ length: steps }, (_, t) => {
    if (t >= length) return padId!;
    if (!padded) return rng.int(vocab);
    const id = rng.int(vocab - 1);
    return id >= padId! ? id + 1 : id;
  });
}

function seriesRows(steps: number, features: number, rng: Rng): number[][] {
  const waves = Array.from({ length: features }, () => ({
    slow: { amplitude: 0.5 + 0.5 * rng.next(), cycles: 0.5 + 2.5 * rng.next(), phase: 2 * Math.PI * rng.next() },
    fast: { amplitude: 0.3 * rng.next(), cycles: 3 + 5 * rng.next(), phase: 2 * Math.PI * rng.next() },
  }));
  return Array.from({ length: steps }, (_, t) =>
    waves.map(({ slow, fast }) => {
      const wave = (w: typeof slow) => w.amplitude * Math.sin((2 * Math.PI * w.cycles * t) / steps + w.phase);
      return Math.fround(wave(slow) + wave(fast) + 0.05 * rng.normal());
    }),
  );
}
