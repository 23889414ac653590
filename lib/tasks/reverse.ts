/** The reverse task: write a list of digits backwards. */
import { digitSequenceTask, type DigitSequenceOptions } from './digit-sequences.ts';
import type { Task } from './task.ts';

/** Reverse: "3 1 4 1 5" → "5 1 4 1 3". */
export function reverseTask(options: DigitSequenceOptions = {}): Task {
  return digitSequenceTask(
    {
      name: 'reverse',
      title: 'Reverse',
      description: (min, max) => `Write a list of ${min} to ${max} digits backwards.`,
      teaching:
        'Reverse needs positional information twice: the model must know how long the list is and which digit sits at position L−k. ' +
        'Without a positional encoding attention is permutation-invariant and reverse fails; the attention heatmap of a trained model shows a clean anti-diagonal. ' +
        'An LSTM must carry the whole list in its state before answering, which gets harder as lists grow.',
      answer: (source) => [...source].reverse(),
      steps: 600,
    },
    options,
  );
}
