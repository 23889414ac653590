import { describe, expect, it } from 'vitest';
import { Rng, crossEntropy, intTensor, randn, reshape, tensor } from '../tensor/index.ts';
import { taskLoss } from './loss.ts';
import { getTask } from './registry.ts';
import type { Task } from './task.ts';

function task(name: string): Task {
  const found = getTask(name);
  if (!found.ok) throw new Error(found.message);
  return found.task;
}

describe('taskLoss', () => {
  it('is cross-entropy over the positions with a target, for token tasks', () => {
    const copy = task('copy');
    const batch = copy.sampleBatch(3, new Rng(2));
    const logits = randn([3, 13, 14], new Rng(3), { requiresGrad: true });
    const loss = taskLoss(copy, logits, batch.sameLength.targets);
    // By hand: only the rows whose target is not −100 count.
    const t = batch.sameLength.targets.toArray();
    const rows = t.flatMap((v, i) => (v === -100 ? [] : [i]));
    const kept = tensor(rows.flatMap((r) => Array.from(logits.data.subarray(r * 14, (r + 1) * 14))), [rows.length, 14]);
    expect(loss.item()).toBeCloseTo(crossEntropy(kept, intTensor(rows.map((r) => t[r]), [rows.length])).item(), 5);
    loss.backward();
    expect(logits.grad).not.toBeNull();
  });

  it('is cross-entropy over examples for classification and MSE for forecasts', () => {
    const activity = task('activity-classification');
    const labels = intTensor([0, 3], [2]);
    const logits = tensor([5, 0, 0, 0, 0, 0, 0, 5], [2, 4]);
    expect(taskLoss(activity, logits, labels).item()).toBeCloseTo(crossEntropy(reshape(logits, [2, 4]), labels).item(), 6);
    const forecast = task('sine-forecasting');
    expect(taskLoss(forecast, tensor([1, 2], [1, 2, 1]), tensor([0, 0], [1, 2, 1])).item()).toBeCloseTo(2.5, 6);
  });
});
