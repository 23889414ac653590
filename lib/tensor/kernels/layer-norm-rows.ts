import type { LayerNormBackwardArgs, LayerNormForwardArgs } from './index.ts';

/** Layer norm forward in plain TypeScript (float64 arithmetic, rounded on store). */
export function plainLayerNormForward({ x: xd, weight: wd, bias: bd, y, mean: means, rstd: rstds, rows, d, eps }: LayerNormForwardArgs): void {
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += xd[o + j];
    const mu = s / d;
    let v = 0;
    for (let j = 0; j < d; j++) {
      const c = xd[o + j] - mu;
      v += c * c;
    }
    const rstd = 1 / Math.sqrt(v / d + eps);
    means[r] = mu;
    rstds[r] = rstd;
    for (let j = 0; j < d; j++) {
      let h = (xd[o + j] - mu) * rstd;
      if (wd) h *= wd[j];
      if (bd) h += bd[j];
      y[o + j] = h;
    }
  }
}

/** Layer norm backward in plain TypeScript: accumulates into gx, gw and gb where given. */
export function plainLayerNormBackward({ x: xd, weight: wd, g, mean: means, rstd: rstds, gx, gw, gb, rows, d }: LayerNormBackwardArgs): void {
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    const mu = means[r];
    const rstd = rstds[r];
    // With x̂ = (x−μ)/σ and ĝ = g·w: dx = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) / σ.
    let sumG = 0;
    let sumGX = 0;
    for (let j = 0; j < d; j++) {
      const xhat = (xd[o + j] - mu) * rstd;
      const gh = wd ? g[o + j] * wd[j] : g[o + j];
      sumG += gh;
      sumGX += gh * xhat;
      if (gw) gw[j] += g[o + j] * xhat;
      if (gb) gb[j] += g[o + j];
    }
    if (gx) {
      const meanG = sumG / d;
      const meanGX = sumGX / d;
      for (let j = 0; j < d; j++) {
        const xhat = (xd[o + j] - mu) * rstd;
        const gh = wd ? g[o + j] * wd[j] : g[o + j];
        gx[o + j] += (gh - meanG - xhat * meanGX) * rstd;
      }
    }
  }
}
