import { describe, expect, it } from 'vitest';
import { validateDesign } from '../design/validate.ts';
import { capsRefusal, DEFAULT_RUN_CAPS, formatCount, largestTensor } from './caps.ts';
import { countDesign } from './count.ts';
import { template } from './testing/designs.ts';

describe('caps', () => {
  it('format counts for people', () => {
    expect(formatCount(63_119_496)).toBe('63.1M');
    expect(formatCount(5_000_000)).toBe('5.0M');
    expect(formatCount(16_777_216)).toBe('16.8M');
    expect(formatCount(65_893_842_944)).toBe('65.9G');
    expect(formatCount(65_536)).toBe('65,536');
    expect(formatCount(950)).toBe('950');
  });

  it('find the largest tensor among outputs, attention weights and hidden layers', () => {
    const lstm = template('tiny-lstm-baseline');
    // The LSTM's gates [16, 32, 256] outgrow the logits [16, 32, 64].
    expect(largestTensor(lstm, validateDesign(lstm))).toEqual({ elements: 16 * 32 * 256, nodeId: 'lstm', what: 'the gates of', shape: [16, 32, 256] });
    const paper = template('attention-is-all-you-need');
    expect(largestTensor(paper, validateDesign(paper))).toMatchObject({ nodeId: 'head', what: 'the output of', shape: [8, 64, 37_000] });
    const classifier = template('tiny-encoder-classifier');
    expect(largestTensor(classifier, validateDesign(classifier))).toMatchObject({ nodeId: 'encoder.ffn', what: 'the hidden layer of', shape: [16, 16, 64] });
  });

  it('let every tiny template through the default caps', () => {
    for (const name of ['tiny-transformer', 'tiny-decoder-language-model', 'tiny-lstm-baseline']) {
      const doc = template(name);
      const validation = validateDesign(doc);
      expect(capsRefusal(doc, validation, countDesign(doc, validation), DEFAULT_RUN_CAPS), name).toBeNull();
    }
  });
});
