/**
 * Keeps evaluation examples out of training. Discrete tasks split their
 * example space by a hash (one example in eight is reserved for evaluation),
 * so a reported accuracy is measured on inputs the model has never been
 * trained on, whatever the training seed. The evaluation batch is drawn from
 * its own fixed stream so that every run of a task is scored on the same examples.
 */
import { Rng } from '../tensor/index.ts';

const HELD_OUT_ONE_IN = 8;

/** FNV-1a over 32-bit values: a stable, platform-independent hash of an id sequence. */
export function hashIds(ids: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const id of ids) {
    for (let shift = 0; shift < 32; shift += 8) {
      h ^= (id >>> shift) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  // A final avalanche so that the low bits used by the split depend on every input byte.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** True for the examples (identified by `key`) that only the evaluation batch may contain. */
export function isHeldOut(key: readonly number[]): boolean {
  return hashIds(key) % HELD_OUT_ONE_IN === 0;
}

/** The evaluation stream of a task: fixed by its name, independent of any training seed. */
export function evaluationRng(taskName: string): Rng {
  return new Rng(hashIds(Array.from(taskName, (c) => c.charCodeAt(0))) ^ 0x5eed);
}

/** Draws until `accept` holds; a bounded loop, since a sampler that can never satisfy it is a bug. */
export function drawUntil<T>(draw: () => T, accept: (value: T) => boolean, what: string): T {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const value = draw();
    if (accept(value)) return value;
  }
  throw new Error(`${what}: no acceptable example in 10000 draws`);
}
