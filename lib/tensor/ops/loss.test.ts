import { describe, expect, it } from 'vitest';
import { crossEntropy, gradCheck, intTensor, mseLoss, randn, Rng, tensor } from '../index.ts';

const rng = new Rng(20);
const leaf = (shape: number[]) => randn(shape, rng, { requiresGrad: true });

describe('crossEntropy', () => {
  // For logits [1, 2, 3]: lse = log(e¹ + e² + e³) = 3.40760596, so −log p = lse − x = [2.40760596, 1.40760596, 0.40760596].
  const row = [1, 2, 3];

  it('is the mean negative log-likelihood', () => {
    expect(crossEntropy(tensor(row, [1, 3]), intTensor([2], [1])).item()).toBeCloseTo(0.40760596, 6);
    // Rows with targets 2 and 0: (0.40760596 + 2.40760596) / 2 = 1.40760596.
    expect(crossEntropy(tensor([...row, ...row], [2, 3]), intTensor([2, 0], [2])).item()).toBeCloseTo(1.40760596, 6);
  });

  it('leaves ignore_index rows out of the mean (default −100)', () => {
    const logits = tensor([...row, ...row, ...row], [3, 3]);
    expect(crossEntropy(logits, intTensor([2, -100, 0], [3])).item()).toBeCloseTo(1.40760596, 6);
    expect(crossEntropy(logits, intTensor([2, 1, 1], [3]), { ignoreIndex: 1 }).item()).toBeCloseTo(0.40760596, 6);
    expect(crossEntropy(logits, intTensor([-100, -100, -100], [3])).item()).toBeNaN();
  });

  it('applies label smoothing like PyTorch', () => {
    // ε = 0.1, C = 3: 0.9·0.40760596 + (0.1/3)·(2.40760596 + 1.40760596 + 0.40760596) = 0.50760596.
    expect(crossEntropy(tensor(row, [1, 3]), intTensor([2], [1]), { labelSmoothing: 0.1 }).item()).toBeCloseTo(0.50760596, 6);
    // Smoothing also skips ignored rows.
    const two = tensor([...row, ...row], [2, 3]);
    expect(crossEntropy(two, intTensor([2, -100], [2]), { labelSmoothing: 0.1 }).item()).toBeCloseTo(0.50760596, 6);
  });

  it('is stable for huge logits', () => {
    // lse(1000, 1001) = 1001 + log(1 + e⁻¹) = 1001.31326169.
    expect(crossEntropy(tensor([1000, 1001], [1, 2]), intTensor([0], [1])).item()).toBeCloseTo(1.31326169, 4);
  });

  it('checks targets', () => {
    const logits = randn([2, 3], rng);
    expect(() => crossEntropy(logits, intTensor([0, 3], [2]))).toThrow('crossEntropy: target 3 at row 1 is outside [0, 3)');
    expect(() => crossEntropy(logits, tensor([0, 1], [2]))).toThrow(/int32/);
    expect(() => crossEntropy(logits, intTensor([0], [1]))).toThrow(/targets \[1\] do not match logits \[2,3\]/);
    expect(() => crossEntropy(randn([2, 3, 4], rng), intTensor([0, 1], [2]))).toThrow(/must be \[N, C\]/);
  });

  it('has correct gradients with ignore_index and label smoothing', () => {
    const targets = intTensor([1, -100, 3, 0, 2], [5]);
    expect(gradCheck((x) => crossEntropy(x, targets), [leaf([5, 4])]).mismatches).toEqual([]);
    expect(gradCheck((x) => crossEntropy(x, targets, { labelSmoothing: 0.2 }), [leaf([5, 4])]).mismatches).toEqual([]);
    expect(gradCheck((x) => crossEntropy(x, intTensor([1, 1, 0], [3]), { ignoreIndex: 0, labelSmoothing: 0.1 }), [leaf([3, 4])]).mismatches).toEqual([]);
  });
});

describe('mseLoss', () => {
  it('is the mean squared error', () => {
    // ((1−0)² + (2−4)²) / 2 = 2.5
    expect(mseLoss(tensor([1, 2], [2]), tensor([0, 4], [2])).item()).toBe(2.5);
    expect(() => mseLoss(tensor([1, 2], [2]), tensor([1], [1]))).toThrow('mseLoss: pred [2] and target [1] differ');
  });

  it('has correct gradients for both arguments', () => {
    expect(gradCheck((p, t) => mseLoss(p, t), [leaf([3, 4]), leaf([3, 4])]).mismatches).toEqual([]);
  });
});
