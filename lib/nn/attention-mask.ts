import { add, intTensor, maskedFill, reshape, type Tensor } from '../tensor/index.ts';

/**
 * Masks, following torch.nn.MultiheadAttention: an int32 mask is boolean
 * (nonzero = may not attend, set to −∞ before softmax), a float32 mask is added
 * to the scores.
 */
export interface AttentionMasks {
  /** Query i may attend only to keys j ≤ i (upper triangle above the diagonal masked). */
  causal?: boolean;
  /** [T, S] or [B·heads, T, S]. */
  attnMask?: Tensor;
  /** [B, S]; true (nonzero) marks a padding key that no query may attend to. */
  keyPaddingMask?: Tensor;
}

/** Scores [B, heads, T, S] with every mask applied: boolean ones as −∞, float ones added. */
export function applyAttentionMasks(scores: Tensor, masks: AttentionMasks): Tensor {
  const [batch, heads, tgtLen, srcLen] = scores.shape;
  const { attnMask, keyPaddingMask } = masks;
  checkMaskShapes(masks, batch, heads, tgtLen, srcLen);
  const perHead = attnMask !== undefined && attnMask.ndim === 3;
  const maskHeads = perHead ? heads : 1;
  // Every boolean mask folds into one −∞ fill.
  const blocked = new Int32Array(batch * maskHeads * tgtLen * srcLen);
  let anyBlocked = false;
  const boolAttn = attnMask?.dtype === 'int32' ? attnMask.data : null;
  const boolPadding = keyPaddingMask?.dtype === 'int32' ? keyPaddingMask.data : null;
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < maskHeads; h++) {
      for (let t = 0; t < tgtLen; t++) {
        const row = ((b * maskHeads + h) * tgtLen + t) * srcLen;
        const attnRow = perHead ? row : t * srcLen; // a per-head mask is laid out [B·heads, T, S] like ours
        for (let s = 0; s < srcLen; s++) {
          const isBlocked =
            (masks.causal === true && s > t) ||
            (boolAttn !== null && boolAttn[attnRow + s] !== 0) ||
            (boolPadding !== null && boolPadding[b * srcLen + s] !== 0);
          if (isBlocked) {
            blocked[row + s] = 1;
            anyBlocked = true;
          }
        }
      }
    }
  }
  let out = scores;
  if (anyBlocked) out = maskedFill(out, intTensor(blocked, [batch, maskHeads, tgtLen, srcLen]), -Infinity);
  if (attnMask?.dtype === 'float32') {
    out = add(out, perHead ? reshape(attnMask, [batch, heads, tgtLen, srcLen]) : attnMask);
  }
  if (keyPaddingMask?.dtype === 'float32') {
    out = add(out, reshape(keyPaddingMask, [batch, 1, 1, srcLen]));
  }
  return out;
}

function checkMaskShapes(masks: AttentionMasks, batch: number, heads: number, tgtLen: number, srcLen: number): void {
  const { attnMask, keyPaddingMask } = masks;
  if (attnMask) {
    const s = attnMask.shape;
    const ok =
      (s.length === 2 && s[0] === tgtLen && s[1] === srcLen) ||
      (s.length === 3 && s[0] === batch * heads && s[1] === tgtLen && s[2] === srcLen);
    if (!ok) {
      throw new Error(
        `attention: attnMask must be [${tgtLen},${srcLen}] or [${batch * heads},${tgtLen},${srcLen}], got [${s.join(',')}]`,
      );
    }
  }
  if (keyPaddingMask) {
    const s = keyPaddingMask.shape;
    if (s.length !== 2 || s[0] !== batch || s[1] !== srcLen) {
      throw new Error(`attention: keyPaddingMask must be [${batch},${srcLen}], got [${s.join(',')}]`);
    }
  }
}
