/** The differentiable training loss a task declares, applied to a design's outputs. */
import { crossEntropy, mseLoss, reshape, type Tensor } from '../tensor/index.ts';
import type { Task } from './task.ts';

/**
 * Cross-entropy (ignore_index −100) over logits [B, T, V] or [B, C], or MSE
 * over forecasts [B, horizon, outputs]; `targets` come from the batch's framing.
 */
export function taskLoss(task: Task, predictions: Tensor, targets: Tensor): Tensor {
  if (task.loss.kind === 'mse') return mseLoss(predictions, targets);
  const classes = predictions.shape[predictions.ndim - 1];
  return crossEntropy(reshape(predictions, [-1, classes]), reshape(targets, [-1]), { ignoreIndex: task.loss.ignoreIndex });
}
