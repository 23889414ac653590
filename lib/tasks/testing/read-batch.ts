/** Test support: reads framed token batches back into sources and answers, independently of how they were built. */
import type { TaskBatch } from '../task.ts';
import { BOS, EOS, IGNORE_INDEX, PAD } from '../vocabulary.ts';

/** A row's source and answer as the tensors of one framing show them. */
export interface ReadPair {
  source: number[];
  answer: number[];
}

function rows(data: ArrayLike<number>, width: number): number[][] {
  return Array.from({ length: data.length / width }, (_, r) => Array.from(data).slice(r * width, (r + 1) * width));
}

/** Same-length framing: the source is what precedes `separator`; the answer is the targets before EOS. */
export function readSameLength(batch: TaskBatch, separator: number): ReadPair[] {
  const { inputs, targets } = batch.sameLength;
  const width = inputs.shape[1];
  const targetRows = rows(targets.data, width);
  return rows(inputs.data, width).map((input, b) => {
    const sep = input.indexOf(separator);
    const answerWithEos = targetRows[b].filter((t) => t !== IGNORE_INDEX);
    if (answerWithEos.at(-1) !== EOS) throw new Error(`row ${b}: the last target is not EOS`);
    return { source: input.slice(0, sep), answer: answerWithEos.slice(0, -1) };
  });
}

/** Seq2seq framing: the source without padding; the answer after BOS in the decoder input, checked against the decoder target. */
export function readSeq2Seq(batch: TaskBatch): ReadPair[] {
  const s2s = batch.seq2seq;
  if (!s2s) throw new Error('no seq2seq framing');
  const targetRows = rows(s2s.targetOutput.data, s2s.targetOutput.shape[1]);
  const inputRows = rows(s2s.targetInput.data, s2s.targetInput.shape[1]);
  return rows(s2s.source.data, s2s.source.shape[1]).map((source, b) => {
    if (inputRows[b][0] !== BOS) throw new Error(`row ${b}: decoder input does not start with BOS`);
    const answer = inputRows[b].slice(1).filter((t) => t !== PAD);
    const output = targetRows[b].filter((t) => t !== IGNORE_INDEX);
    if (output.join() !== [...answer, EOS].join()) throw new Error(`row ${b}: decoder target is not the shifted decoder input + EOS`);
    return { source: source.filter((t) => t !== PAD), answer };
  });
}
