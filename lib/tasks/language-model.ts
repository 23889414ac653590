/**
 * A character-level language model on Chapter I of "Alice's Adventures in
 * Wonderland" (alice-chapter-one.ts): windows of the text, each position
 * predicting the next character. The last tenth of the text is held out:
 * training windows never reach into it and the evaluation batch comes only from it.
 */
import { intTensor, type Rng } from '../tensor/index.ts';
import { ALICE_CHAPTER_ONE } from './alice-chapter-one.ts';
import { evaluationRng } from './held-out.ts';
import { checkBatchSize, resolveLength, type Task, type TaskBatch } from './task.ts';
import { IGNORE_INDEX, Vocabulary } from './vocabulary.ts';

const EVALUATION_FRACTION = 0.1;

/**
 * Lower case, straight quotes, '-' for dashes and single spaces: the
 * vocabulary drops from about 70 symbols to about 40, so the tiny GPT
 * template's 64-token embedding fits and the model spends its capacity on spelling.
 */
export function normalizeText(raw: string): string {
  return raw
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[—–]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The normalised text of the language-model task. */
export const LANGUAGE_MODEL_TEXT = normalizeText(ALICE_CHAPTER_ONE);

/** One id per distinct character of the text, in code-point order. */
export const CHARACTER_VOCABULARY = Vocabulary.plain([...new Set(LANGUAGE_MODEL_TEXT)].sort(), '');

/** Options of the language-model task. */
export interface LanguageModelOptions {
  /** Characters per window (default 32). */
  seqLen?: number;
}

/** The tiny character language model. */
export function characterLanguageModelTask(options: LanguageModelOptions = {}): Task {
  const text = LANGUAGE_MODEL_TEXT;
  const ids = CHARACTER_VOCABULARY.encode(text);
  const split = languageModelSplit();
  const baseSeqLen = options.seqLen ?? 32;

  /** Windows of seqLen + 1 characters starting in [from, to − seqLen − 1]. */
  const windows = (count: number, rng: Rng, from: number, to: number, seqLen: number): TaskBatch => {
    const starts = to - from - seqLen;
    if (starts < 1) throw new Error(`char-language-model: a window of ${seqLen} characters does not fit the ${to - from}-character region`);
    const inputs = new Int32Array(count * seqLen);
    const targets = new Int32Array(count * seqLen);
    const examples = Array.from({ length: count }, (_, b) => {
      const start = from + rng.int(starts);
      inputs.set(ids.slice(start, start + seqLen), b * seqLen);
      targets.set(ids.slice(start + 1, start + seqLen + 1), b * seqLen);
      return { kind: 'text-window' as const, start, text: text.slice(start, start + seqLen + 1) };
    });
    return {
      size: count,
      sameLength: { inputs: intTensor(inputs, [count, seqLen]), targets: intTensor(targets, [count, seqLen]) },
      seq2seq: null,
      examples,
    };
  };

  const task: Task = {
    name: 'char-language-model',
    title: 'Tiny character language model',
    description: 'Predict the next character of Chapter I of "Alice\'s Adventures in Wonderland" (Lewis Carroll, 1865), lower-cased.',
    teaching:
      'Every position predicts the character after it. Without a causal mask position t can simply read character t+1, the very answer: ' +
      'the training loss falls to almost zero yet the model has learnt nothing it could use to write text. With the mask it has to learn spelling and common words. ' +
      'Positional encoding matters less here than for reverse, because the mask itself lets a position count what came before.',
    input: { kind: 'tokens', vocab: CHARACTER_VOCABULARY.size, seqLen: baseSeqLen },
    output: { kind: 'tokens', vocab: CHARACTER_VOCABULARY.size },
    loss: { kind: 'cross-entropy', ignoreIndex: IGNORE_INDEX },
    metrics: ['token-accuracy'],
    seq2seq: null,
    vocabulary: CHARACTER_VOCABULARY,
    classNames: null,
    defaults: { batchSize: 16, steps: 1000, learningRate: 3e-3, evaluationSize: 64, template: 'tiny-decoder-language-model' },
    sampleBatch(batchSize, rng, lengths = {}) {
      checkBatchSize(batchSize);
      return windows(batchSize, rng, 0, split, resolveLength('char-language-model: seqLen', baseSeqLen, lengths.seqLen));
    },
    evaluationBatch(lengths = {}) {
      const seqLen = resolveLength('char-language-model: seqLen', baseSeqLen, lengths.seqLen);
      return windows(task.defaults.evaluationSize, evaluationRng(task.name), split, text.length, seqLen);
    },
  };
  return task;
}

/** Where the held-out tail of the text starts (training windows end before it). */
export function languageModelSplit(): number {
  return Math.floor(LANGUAGE_MODEL_TEXT.length * (1 - EVALUATION_FRACTION));
}
