/** The copy task: repeat a list of digits. */
import { digitSequenceTask, type DigitSequenceOptions } from './digit-sequences.ts';
import type { Task } from './task.ts';

/** Copy: "3 1 4 1 5" → "3 1 4 1 5". */
export function copyTask(options: DigitSequenceOptions = {}): Task {
  return digitSequenceTask(
    {
      name: 'copy',
      title: 'Copy',
      description: (min, max) => `Repeat a list of ${min} to ${max} digits exactly as given.`,
      teaching:
        'The easiest test of whether a model knows where things are: to write the k-th digit it must find the k-th digit of the source. ' +
        'Remove the positional encoding and every blank answer slot looks the same, so the model can only guess the most common digit; put it back and copy is learnt in a few hundred steps.',
      answer: (source) => [...source],
      steps: 600,
    },
    options,
  );
}
