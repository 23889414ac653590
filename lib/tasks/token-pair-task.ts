/**
 * The common shape of copy, reverse, sort and addition: each example is a
 * source token sequence and the answer it maps to, offered in both framings
 * (see sequence-framing.ts), with a hash-split evaluation set (held-out.ts).
 */
import type { Rng } from '../tensor/index.ts';
import { drawUntil, evaluationRng, isHeldOut } from './held-out.ts';
import { frameSameLength, frameSeq2Seq, tokenPairLengths, type TokenPair } from './sequence-framing.ts';
import { checkBatchSize, resolveLength, type BatchLengths, type MetricName, type Task, type TaskBatch, type TaskDefaults } from './task.ts';
import { IGNORE_INDEX, type Vocabulary } from './vocabulary.ts';

/** Everything that makes one token-pair task different from another. */
export interface TokenPairTaskSpec {
  name: string;
  title: string;
  description: string;
  teaching: string;
  vocabulary: Vocabulary;
  /** The id between source and answer in the same-length framing. */
  separator: number;
  maxSourceLen: number;
  maxTargetLen: number;
  /** One random example. */
  draw(rng: Rng): TokenPair;
  /** What identifies an example for the train/evaluation split (default: its source). */
  splitKey?(pair: TokenPair): readonly number[];
  defaults: TaskDefaults;
}

const TOKEN_METRICS: readonly MetricName[] = ['sequence-accuracy', 'token-accuracy'];

/** A Task from a token-pair spec. */
export function tokenPairTask(spec: TokenPairTaskSpec): Task {
  const base = tokenPairLengths(spec.maxSourceLen, spec.maxTargetLen);
  const seq2seq = { sourceLen: base.sourceLen, targetLen: base.targetLen };
  const splitKey = spec.splitKey ?? ((pair: TokenPair) => pair.source);

  const frame = (pairs: TokenPair[], lengths: BatchLengths): TaskBatch => {
    const seqLen = resolveLength(`${spec.name}: seqLen`, base.seqLen, lengths.seqLen);
    const sourceLen = resolveLength(`${spec.name}: sourceLen`, base.sourceLen, lengths.sourceLen);
    const targetLen = resolveLength(`${spec.name}: targetLen`, base.targetLen, lengths.targetLen);
    return {
      size: pairs.length,
      sameLength: frameSameLength(pairs, spec.separator, seqLen),
      seq2seq: frameSeq2Seq(pairs, { sourceLen, targetLen }),
      examples: pairs.map((p) => ({ kind: 'token-pair', source: p.source, target: p.target })),
    };
  };

  const sample = (count: number, rng: Rng, heldOut: boolean): TokenPair[] =>
    Array.from({ length: count }, () =>
      drawUntil(() => spec.draw(rng), (pair) => isHeldOut(splitKey(pair)) === heldOut, spec.name),
    );

  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    teaching: spec.teaching,
    input: { kind: 'tokens', vocab: spec.vocabulary.size, seqLen: base.seqLen },
    output: { kind: 'tokens', vocab: spec.vocabulary.size },
    loss: { kind: 'cross-entropy', ignoreIndex: IGNORE_INDEX },
    metrics: TOKEN_METRICS,
    seq2seq,
    vocabulary: spec.vocabulary,
    classNames: null,
    defaults: spec.defaults,
    sampleBatch(batchSize, rng, lengths = {}) {
      checkBatchSize(batchSize);
      return frame(sample(batchSize, rng, false), lengths);
    },
    evaluationBatch(lengths = {}) {
      return frame(sample(spec.defaults.evaluationSize, evaluationRng(spec.name), true), lengths);
    },
  };
}
