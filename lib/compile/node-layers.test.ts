import { describe, expect, it } from 'vitest';
import { tensor } from '../tensor/index.ts';
import { pool } from './node-layers.ts';

describe('pool', () => {
  // Two examples, three positions, two features.
  const x = tensor([1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60], [2, 3, 2]);

  it('mean averages over positions', () => {
    expect(Array.from(pool(x, 'mean').data)).toEqual([3, 4, 30, 40]);
  });

  it('first and last pick one position', () => {
    expect(Array.from(pool(x, 'first').data)).toEqual([1, 2, 10, 20]);
    expect(Array.from(pool(x, 'last').data)).toEqual([5, 6, 50, 60]);
    expect(pool(x, 'last').shape).toEqual([2, 2]);
  });
});
