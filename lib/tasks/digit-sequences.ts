/**
 * What copy, reverse and sort share: random lists of digits of varying
 * length, one vocabulary, and one task builder that only needs the mapping
 * from a list to its answer.
 */
import type { Rng } from '../tensor/index.ts';
import type { Task } from './task.ts';
import { tokenPairTask } from './token-pair-task.ts';
import { Vocabulary } from './vocabulary.ts';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** PAD, BOS, EOS, the separator '→' and the ten digits: 14 ids. */
export const DIGIT_SEQUENCE_VOCABULARY = Vocabulary.withSpecials(['→', ...DIGITS], ' ');

/** Id of the separator between a list and its answer in the same-length framing. */
export const DIGIT_SEPARATOR = DIGIT_SEQUENCE_VOCABULARY.id('→');

/** Lengths of the lists a digit-sequence task draws. */
export interface DigitSequenceOptions {
  minLength?: number;
  maxLength?: number;
}

/** Short enough for a one-layer model to learn in seconds, long enough that order matters. */
const DEFAULT_LENGTHS = { minLength: 2, maxLength: 6 };

/** A list of `minLength`…`maxLength` random digits, as token ids. */
export function drawDigitSequence(rng: Rng, minLength: number, maxLength: number): number[] {
  const length = minLength + rng.int(maxLength - minLength + 1);
  const first = DIGIT_SEQUENCE_VOCABULARY.id('0');
  return Array.from({ length }, () => first + rng.int(DIGITS.length));
}

/** The parts of a digit-sequence task that differ between copy, reverse and sort. */
export interface DigitSequenceTaskSpec {
  name: string;
  title: string;
  /** One sentence, given the list lengths the task draws. */
  description(minLength: number, maxLength: number): string;
  teaching: string;
  /** The answer for a list (token ids in, token ids out, same length). */
  answer(source: readonly number[]): number[];
  steps: number;
}

/** A token-pair task over random digit lists. */
export function digitSequenceTask(spec: DigitSequenceTaskSpec, options: DigitSequenceOptions = {}): Task {
  const { minLength, maxLength } = { ...DEFAULT_LENGTHS, ...options };
  if (!Number.isInteger(minLength) || !Number.isInteger(maxLength) || minLength < 1 || maxLength < minLength) {
    throw new Error(`${spec.name}: lengths must satisfy 1 ≤ minLength ≤ maxLength, got ${minLength} and ${maxLength}`);
  }
  return tokenPairTask({
    name: spec.name,
    title: spec.title,
    description: spec.description(minLength, maxLength),
    teaching: spec.teaching,
    vocabulary: DIGIT_SEQUENCE_VOCABULARY,
    separator: DIGIT_SEPARATOR,
    maxSourceLen: maxLength,
    maxTargetLen: maxLength,
    draw(rng) {
      const source = drawDigitSequence(rng, minLength, maxLength);
      return { source, target: spec.answer(source) };
    },
    defaults: { batchSize: 32, steps: spec.steps, learningRate: 3e-3, evaluationSize: 256, template: 'tiny-transformer' },
  });
}
