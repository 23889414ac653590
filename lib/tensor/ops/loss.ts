/** Losses with PyTorch's mean reduction: crossEntropy (fused with log-softmax) and mseLoss. */
import { attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { formatShape, sameShape } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

/** PyTorch's ignore_index and label_smoothing. */
export interface CrossEntropyOptions {
  /** Targets equal to this contribute nothing and are left out of the mean (default -100). */
  ignoreIndex?: number;
  /** ε in [0, 1]: the target distribution is (1−ε)·one-hot + ε/C (default 0). */
  labelSmoothing?: number;
}

/**
 * F.cross_entropy(logits [N, C], targets [N]) with reduction 'mean':
 * per row (1−ε)·(−log p_target) + (ε/C)·Σ_c(−log p_c), averaged over the rows
 * whose target is not ignoreIndex (NaN when every row is ignored, as PyTorch).
 */
export function crossEntropy(logitsIn: Tensor, targets: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  const ignoreIndex = opts.ignoreIndex ?? -100;
  const eps = opts.labelSmoothing ?? 0;
  const logits = toFloat32(logitsIn);
  if (logits.ndim !== 2) throw new Error(`crossEntropy: logits must be [N, C], got ${formatShape(logits.shape)} (reshape to [-1, C])`);
  if (targets.dtype !== 'int32') throw new Error('crossEntropy: targets must be an int32 tensor of class indices');
  const [rows, classes] = logits.shape;
  if (targets.ndim !== 1 || targets.shape[0] !== rows) {
    throw new Error(`crossEntropy: targets ${formatShape(targets.shape)} do not match logits ${formatShape(logits.shape)} (expected [${rows}])`);
  }
  if (!(eps >= 0 && eps <= 1)) throw new Error(`crossEntropy: labelSmoothing must be in [0, 1], got ${eps}`);
  const x = logits.data as Float32Array;
  const t = targets.data;
  const lse = new Float64Array(rows);
  let total = 0;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    const target = t[r];
    if (target === ignoreIndex) continue;
    if (target < 0 || target >= classes) throw new Error(`crossEntropy: target ${target} at row ${r} is outside [0, ${classes})`);
    const o = r * classes;
    let m = -Infinity;
    for (let c = 0; c < classes; c++) if (x[o + c] > m) m = x[o + c];
    let s = 0;
    let sumX = 0;
    for (let c = 0; c < classes; c++) {
      s += Math.exp(x[o + c] - m);
      sumX += x[o + c];
    }
    const l = m + Math.log(s);
    lse[r] = l;
    const nll = l - x[o + target];
    // Σ_c −log p_c = C·lse − Σ_c x_c.
    const smooth = classes * l - sumX;
    total += eps === 0 ? nll : (1 - eps) * nll + (eps / classes) * smooth;
    count++;
  }
  const out = new Tensor(new Float32Array([total / count]), []);
  if (!tracksGrad(logits)) return out;
  return attachGrad(out, 'crossEntropy', [logits], (g) => {
    const gx = gradBuffer(logits);
    const scale = g[0] / count;
    const uniformPart = eps / classes;
    for (let r = 0; r < rows; r++) {
      const target = t[r];
      if (target === ignoreIndex) continue;
      const o = r * classes;
      const l = lse[r];
      // d/dx_c = softmax_c − (1−ε)·[c = target] − ε/C.
      for (let c = 0; c < classes; c++) gx[o + c] += scale * (Math.exp(x[o + c] - l) - uniformPart);
      gx[o + target] -= scale * (1 - eps);
    }
  });
}

/** F.mse_loss: mean of (pred − target)²; both must have the same shape. */
export function mseLoss(predIn: Tensor, targetIn: Tensor): Tensor {
  const pred = toFloat32(predIn);
  const target = toFloat32(targetIn);
  if (!sameShape(pred.shape, target.shape)) {
    throw new Error(`mseLoss: pred ${formatShape(pred.shape)} and target ${formatShape(target.shape)} differ`);
  }
  const p = pred.data as Float32Array;
  const q = target.data as Float32Array;
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const d = p[i] - q[i];
    s += d * d;
  }
  const n = p.length;
  const out = new Tensor(new Float32Array([s / n]), []);
  if (!tracksGrad(pred, target)) return out;
  return attachGrad(out, 'mseLoss', [pred, target], (g) => {
    const scale = (2 * g[0]) / n;
    if (pred.requiresGrad) {
      const gp = gradBuffer(pred);
      for (let i = 0; i < n; i++) gp[i] += scale * (p[i] - q[i]);
    }
    if (target.requiresGrad) {
      const gt = gradBuffer(target);
      for (let i = 0; i < n; i++) gt[i] -= scale * (p[i] - q[i]);
    }
  });
}
