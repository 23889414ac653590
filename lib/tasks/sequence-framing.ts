/**
 * Lays source → target token pairs out in the two framings.
 *
 * Same-length: `s1 … sL SEP _ _ …` with targets `-100 … -100 t1 … tM EOS -100 …`:
 * the answer is read off the positions from SEP on, and those positions hold
 * blanks (PAD) rather than the answer itself, so a bidirectional encoder
 * cannot peek and a causal decoder or an LSTM has read the whole source
 * before it has to answer. The same layout is therefore fair to all three.
 *
 * Seq2seq: source `s1 … sL PAD …`, decoder input `BOS t1 … tM PAD …`,
 * decoder target `t1 … tM EOS -100 …` (teacher forcing).
 */
import { intTensor } from '../tensor/index.ts';
import type { SameLengthBatch, Seq2SeqBatch, Seq2SeqLengths } from './task.ts';
import { BOS, EOS, IGNORE_INDEX, PAD } from './vocabulary.ts';

/** A source token sequence and the answer it maps to. */
export interface TokenPair {
  source: readonly number[];
  target: readonly number[];
}

/** The shortest lengths that hold sources of up to `maxSource` and answers of up to `maxTarget` tokens (EOS included). */
export function tokenPairLengths(maxSource: number, maxTarget: number): { seqLen: number } & Seq2SeqLengths {
  return { seqLen: maxSource + maxTarget + 1, sourceLen: maxSource, targetLen: maxTarget + 1 };
}

/** The same-length framing of `pairs` in rows of `seqLen` positions, `separator` between source and answer. */
export function frameSameLength(pairs: readonly TokenPair[], separator: number, seqLen: number): SameLengthBatch {
  const inputs = new Int32Array(pairs.length * seqLen).fill(PAD);
  const targets = new Int32Array(pairs.length * seqLen).fill(IGNORE_INDEX);
  pairs.forEach(({ source, target }, b) => {
    const row = b * seqLen;
    if (source.length + target.length + 1 > seqLen) {
      throw new Error(`frameSameLength: a ${source.length}-token source and ${target.length}-token answer need ${source.length + target.length + 1} positions, the row has ${seqLen}`);
    }
    inputs.set(source, row);
    inputs[row + source.length] = separator;
    // The position holding the separator predicts the first answer token.
    const answerStart = row + source.length;
    targets.set(target, answerStart);
    targets[answerStart + target.length] = EOS;
  });
  return { inputs: intTensor(inputs, [pairs.length, seqLen]), targets: intTensor(targets, [pairs.length, seqLen]) };
}

/** The seq2seq framing of `pairs`: sources padded to sourceLen, decoder rows of targetLen. */
export function frameSeq2Seq(pairs: readonly TokenPair[], lengths: Seq2SeqLengths): Seq2SeqBatch {
  const { sourceLen, targetLen } = lengths;
  const source = new Int32Array(pairs.length * sourceLen).fill(PAD);
  const targetInput = new Int32Array(pairs.length * targetLen).fill(PAD);
  const targetOutput = new Int32Array(pairs.length * targetLen).fill(IGNORE_INDEX);
  pairs.forEach((pair, b) => {
    if (pair.source.length > sourceLen || pair.target.length + 1 > targetLen) {
      throw new Error(`frameSeq2Seq: a ${pair.source.length}-token source and ${pair.target.length}-token answer do not fit lengths ${sourceLen} and ${targetLen}`);
    }
    source.set(pair.source, b * sourceLen);
    const row = b * targetLen;
    targetInput[row] = BOS;
    targetInput.set(pair.target, row + 1);
    targetOutput.set(pair.target, row);
    targetOutput[row + pair.target.length] = EOS;
  });
  return {
    source: intTensor(source, [pairs.length, sourceLen]),
    targetInput: intTensor(targetInput, [pairs.length, targetLen]),
    targetOutput: intTensor(targetOutput, [pairs.length, targetLen]),
  };
}
