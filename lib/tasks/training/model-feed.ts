/** How a task's batch enters a design: which tensor goes to which input node, and what the head is scored against. */
import type { Tensor } from '../../tensor/index.ts';
import { framingTargets } from '../metrics.ts';
import type { BatchLengths, Framing, TaskBatch } from '../task.ts';
import type { DesignWiring } from './design-io.ts';

/** The model's inputs by input node id, and the targets of the head's output. */
export interface ModelFeed {
  inputs: Record<string, Tensor>;
  targets: Tensor;
}

/** The framing a design takes: seq2seq for an encoder–decoder, same-length for everything else. */
export function framingOf(wiring: DesignWiring): Framing {
  return wiring.io.seq2seq ? 'seq2seq' : 'same-length';
}

/** Batch lengths that fill the design's inputs exactly, so that its inferred shapes (and the caps checked on them) hold. */
export function batchLengths(wiring: DesignWiring): BatchLengths {
  const { io } = wiring;
  return io.seq2seq ? { sourceLen: io.input.seqLen, targetLen: io.targetSeqLen } : { seqLen: io.input.seqLen };
}

/** Feeds `batch` to the wired inputs in the design's framing. */
export function modelFeed(wiring: DesignWiring, batch: TaskBatch): ModelFeed {
  const framing = framingOf(wiring);
  const targets = framingTargets(batch, framing);
  if (framing === 'same-length') return { inputs: { [wiring.inputId]: batch.sameLength.inputs }, targets };
  const { seq2seq } = batch;
  if (!seq2seq || wiring.targetInputId === null) throw new Error('modelFeed: this batch or design has no seq2seq framing');
  return { inputs: { [wiring.inputId]: seq2seq.source, [wiring.targetInputId]: seq2seq.targetInput }, targets };
}
