import fc from 'fast-check';

/**
 * Hostile input for the fuzz tests of every socket event and HTTP body:
 * arbitrary JSON, values of the wrong type in every field of a message,
 * oversized strings and arrays, deep nesting and prototype-pollution keys.
 */

/** JSON nested `depth` levels deep, as text (built as a string: no parser or encoder recursion on our side). */
export function deeplyNestedJson(depth: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Keys that would pollute Object.prototype if someone merged input into an object carelessly. */
const pollutingObject = fc
  .constantFrom('__proto__', 'constructor', 'prototype')
  .map((key) => JSON.parse(`{"${key}":{"polluted":true,"type":"addNode"}}`) as unknown);

const nested = fc.integer({ min: 20, max: 200 }).map((depth) => JSON.parse(deeplyNestedJson(depth, depth % 2 ? 'array' : 'object')) as unknown);

const oversized = fc.oneof(
  fc.integer({ min: 10_000, max: 80_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 500, max: 5_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);

const oddNumbers = fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, -0, 1e308, 1.5, 2 ** 53 + 2, -1e308);

/** Any value a JSON message can carry, hostile ones favoured. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
  { weight: 1, arbitrary: oddNumbers },
  { weight: 1, arbitrary: pollutingObject },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: oversized },
);

/** `fields` with some of them replaced by any value and some dropped, plus stray extra keys: a message of the right shape with wrong types. */
export function wronglyTyped(fields: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(fields);
  return fc
    .record({
      replace: fc.subarray(keys, { minLength: 1 }),
      drop: fc.subarray(keys),
      values: fc.array(anyValue, { minLength: keys.length, maxLength: keys.length }),
      extra: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 3 }), { nil: undefined }),
    })
    .map(({ replace, drop, values, extra }) => {
      const out: Record<string, unknown> = { ...extra };
      keys.forEach((k, i) => {
        if (!drop.includes(k)) out[k] = replace.includes(k) ? values[i] : fields[k];
      });
      return out;
    });
}

/** Any value, or a message shaped like `fields` with wrong types. */
export function malformed(fields: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(anyValue, wronglyTyped(fields));
}

/** Tallies what the fuzz tests sent and how much of it was refused as expected, for the note. */
export class FuzzTally {
  run = 0;
  refused = 0;

  record(refusedAsExpected: boolean): void {
    this.run++;
    if (refusedAsExpected) this.refused++;
  }

  toString(): string {
    return `${this.run} fuzzed inputs, ${this.refused} refused as expected`;
  }
}
