/** The addition task: "12+98" → "110", digits in, digits out. */
import type { Rng } from '../tensor/index.ts';
import type { Task } from './task.ts';
import { tokenPairTask } from './token-pair-task.ts';
import { Vocabulary } from './vocabulary.ts';

/** PAD, BOS, EOS, the ten digits, '+' and '=': 15 ids; shown without spaces ("123+456="). */
export const ADDITION_VOCABULARY = Vocabulary.withSpecials(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '='], '');

/** How many digits each operand may have. */
export interface AdditionOptions {
  /** Default 2: three-digit sums take a tiny model minutes rather than seconds to learn. */
  maxDigits?: number;
}

/** The decimal digits of a non-negative integer as token ids. */
function digitIds(n: number): number[] {
  return ADDITION_VOCABULARY.encode(String(n));
}

/**
 * An operand of 1…maxDigits digits, the digit count drawn first: drawing the
 * number uniformly would make almost every operand maxDigits long.
 */
function drawOperand(rng: Rng, maxDigits: number): number {
  const digits = 1 + rng.int(maxDigits);
  const low = digits === 1 ? 0 : 10 ** (digits - 1);
  return low + rng.int(10 ** digits - low);
}

/** "12+98=" → "110" at the task's size: an example with carries and an extra digit. */
function exampleSum(maxDigits: number): string {
  const a = Number('123456789'.slice(0, maxDigits));
  const b = Number('987654321'.slice(0, maxDigits));
  return `"${a}+${b}=" → "${a + b}"`;
}

/** Addition of two numbers of up to `maxDigits` digits (default 2). */
export function additionTask(options: AdditionOptions = {}): Task {
  const maxDigits = options.maxDigits ?? 2;
  if (!Number.isInteger(maxDigits) || maxDigits < 1 || maxDigits > 7) throw new Error(`addition: maxDigits must be 1…7, got ${maxDigits}`);
  const plus = ADDITION_VOCABULARY.id('+');
  return tokenPairTask({
    name: 'addition',
    title: 'Multi-digit addition',
    description: `Add two numbers of up to ${maxDigits} digits: ${exampleSum(maxDigits)}.`,
    teaching:
      'We add from the right, carrying, but the answer is written from the left, so each answer digit depends on the matching digits of both numbers and on every carry below them. ' +
      'Attention learns to look at the right digit pairs by position; watch sequence accuracy (the whole sum right) lag behind digit accuracy, because one missed carry spoils the sum.',
    vocabulary: ADDITION_VOCABULARY,
    separator: ADDITION_VOCABULARY.id('='),
    maxSourceLen: 2 * maxDigits + 1,
    maxTargetLen: maxDigits + 1,
    draw(rng) {
      const a = drawOperand(rng, maxDigits);
      const b = drawOperand(rng, maxDigits);
      return { source: [...digitIds(a), plus, ...digitIds(b)], target: digitIds(a + b) };
    },
    // a+b and b+a are one fact: keep both orders on the same side of the split.
    splitKey(pair) {
      const [a, b] = ADDITION_VOCABULARY.decode(pair.source).split('+').map(Number);
      return [Math.min(a, b), Math.max(a, b)];
    },
    defaults: { batchSize: 32, steps: 1500, learningRate: 3e-3, evaluationSize: 256, template: 'tiny-transformer' },
  });
}
