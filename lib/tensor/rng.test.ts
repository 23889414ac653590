import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

function draw(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('Rng (xoshiro128** seeded by splitmix32)', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draw(new Rng(42), 50)).toEqual(draw(new Rng(42), 50));
  });

  it('gives different sequences for different seeds', () => {
    const a = draw(new Rng(1), 20);
    const b = draw(new Rng(2), 20);
    expect(a).not.toEqual(b);
    expect(a.filter((v, i) => v === b[i]).length).toBe(0);
  });

  it('matches the reference xoshiro128** output for state {1, 2, 3, 4}', () => {
    // Blackman & Vigna's C reference, seeded s = {1, 2, 3, 4}.
    const rng = Rng.fromState([1, 2, 3, 4]);
    const out = Array.from({ length: 10 }, () => rng.nextUint32());
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  it('resumes from a saved state', () => {
    const rng = new Rng(3);
    draw(rng, 5);
    const copy = Rng.fromState(rng.state());
    expect(draw(copy, 5)).toEqual(draw(rng, 5));
  });

  it('pins the stream so a change of algorithm is noticed', () => {
    // Values recorded from this implementation; every platform must produce them.
    const rng = new Rng(12345);
    const first = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    expect(first).toEqual(PINNED_12345);
  });

  it('stays in [0, 1) with a plausible mean and spread', () => {
    const xs = draw(new Rng(7), 20000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((p, q) => p + q, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('draws standard normals (Box–Muller)', () => {
    const rng = new Rng(9);
    const zs = Array.from({ length: 20000 }, () => rng.normal());
    const mean = zs.reduce((p, q) => p + q, 0) / zs.length;
    const variance = zs.reduce((p, q) => p + (q - mean) ** 2, 0) / zs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(zs.every(Number.isFinite)).toBe(true);
  });

  it('draws integers uniformly from [0, n)', () => {
    const rng = new Rng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[rng.int(3)]++;
    for (const c of counts) expect(c).toBeGreaterThan(900);
    expect(() => rng.int(0)).toThrow(/positive|\[1, 2\^32\]/);
  });

  it('forks deterministic, independent child streams', () => {
    const a = new Rng(11);
    const b = new Rng(11);
    const childA = a.fork();
    const childB = b.fork();
    expect(draw(childA, 10)).toEqual(draw(childB, 10));
    expect(draw(a, 10)).toEqual(draw(b, 10));
    const parent = new Rng(11);
    const child = parent.fork();
    expect(draw(child, 10)).not.toEqual(draw(new Rng(11), 10));
  });
});

const PINNED_12345 = [518667457, 440444462, 4232892992];
