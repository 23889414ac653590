/** The sort task: put a list of digits in ascending order. */
import { digitSequenceTask, type DigitSequenceOptions } from './digit-sequences.ts';
import type { Task } from './task.ts';

/** Sort: "3 1 4 1 5" → "1 1 3 4 5". */
export function sortTask(options: DigitSequenceOptions = {}): Task {
  return digitSequenceTask(
    {
      name: 'sort',
      title: 'Sort',
      description: (min, max) => `Put a list of ${min} to ${max} digits in ascending order, keeping repeats.`,
      teaching:
        'The answer depends on which digits are in the list, not where they are: the source is a bag. ' +
        'In the encoder–decoder framing the encoder can drop its positional encoding and still sort, while copy and reverse then fail — the clearest way to see what positional encoding is for. ' +
        '(The answer slots still need positions: the decoder\'s causal mask or a positional encoding tells it which rank to write.)',
      answer: (source) => [...source].sort((a, b) => a - b),
      steps: 800,
    },
    options,
  );
}
