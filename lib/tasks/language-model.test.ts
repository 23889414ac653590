import { describe, expect, it } from 'vitest';
import { Rng } from '../tensor/index.ts';
import { ALICE_CHAPTER_ONE } from './alice-chapter-one.ts';
import { CHARACTER_VOCABULARY, LANGUAGE_MODEL_TEXT, characterLanguageModelTask, languageModelSplit, normalizeText } from './language-model.ts';

describe('language-model text', () => {
  it('ships 5–20 KB of text whose vocabulary fits the tiny GPT template (64 tokens)', () => {
    expect(ALICE_CHAPTER_ONE.length).toBeGreaterThan(5_000);
    expect(ALICE_CHAPTER_ONE.length).toBeLessThan(20_000);
    expect(LANGUAGE_MODEL_TEXT.startsWith('alice was beginning to get very tired')).toBe(true);
    expect(CHARACTER_VOCABULARY.size).toBeLessThanOrEqual(64);
    expect(CHARACTER_VOCABULARY.hasSpecials).toBe(false);
  });

  it('normalises case, quotes, dashes and whitespace', () => {
    expect(normalizeText('“Oh  dear!”\nI’m late—\tvery')).toBe('"oh dear!" i\'m late- very');
  });
});

describe('char-language-model task', () => {
  const task = characterLanguageModelTask();

  it('targets the next character at every position', () => {
    const batch = task.sampleBatch(16, new Rng(3));
    const { inputs, targets } = batch.sameLength;
    expect(inputs.shape).toEqual([16, 32]);
    expect(targets.shape).toEqual([16, 32]);
    for (let b = 0; b < 16; b++) {
      const example = batch.examples[b];
      if (example.kind !== 'text-window') throw new Error('expected a text window');
      const input = CHARACTER_VOCABULARY.decode(inputs.toArray().slice(b * 32, (b + 1) * 32));
      const target = CHARACTER_VOCABULARY.decode(targets.toArray().slice(b * 32, (b + 1) * 32));
      expect(input).toBe(LANGUAGE_MODEL_TEXT.slice(example.start, example.start + 32));
      expect(target).toBe(LANGUAGE_MODEL_TEXT.slice(example.start + 1, example.start + 33));
      expect(target.slice(0, -1)).toBe(input.slice(1));
    }
    expect(batch.seq2seq).toBeNull();
  });

  it('never trains on the held-out tail, and evaluates only on it', () => {
    const split = languageModelSplit();
    for (let seed = 0; seed < 50; seed++) {
      for (const e of task.sampleBatch(32, new Rng(seed)).examples) {
        if (e.kind !== 'text-window') throw new Error('expected a text window');
        expect(e.start + e.text.length).toBeLessThanOrEqual(split);
      }
    }
    for (const e of task.evaluationBatch().examples) {
      if (e.kind !== 'text-window') throw new Error('expected a text window');
      expect(e.start).toBeGreaterThanOrEqual(split);
      expect(e.start + e.text.length).toBeLessThanOrEqual(LANGUAGE_MODEL_TEXT.length);
    }
  });

  it('takes longer windows when the design asks for them', () => {
    const batch = characterLanguageModelTask({ seqLen: 16 }).sampleBatch(2, new Rng(1), { seqLen: 48 });
    expect(batch.sameLength.inputs.shape).toEqual([2, 48]);
  });
});
