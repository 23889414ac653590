/** Softmax kernels in plain TypeScript (float64 arithmetic, rounded to float32 on store). */

/** Writes softmax (or log-softmax) of each strided row of x into y. */
export function stridedSoftmax(x: Float32Array, y: Float32Array, outer: number, len: number, inner: number, logarithm: boolean): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      const end = base + len * inner;
      let m = -Infinity;
      for (let p = base; p < end; p += inner) if (x[p] > m) m = x[p];
      let s = 0;
      if (logarithm) {
        for (let p = base; p < end; p += inner) s += Math.exp(x[p] - m);
        const lse = m + Math.log(s);
        for (let p = base; p < end; p += inner) y[p] = x[p] - lse;
      } else {
        for (let p = base; p < end; p += inner) {
          const e = Math.exp(x[p] - m);
          y[p] = e;
          s += e;
        }
        const inv = 1 / s;
        for (let p = base; p < end; p += inner) y[p] *= inv;
      }
    }
  }
}

/** Softmax (or log-softmax) of `rows` contiguous rows of `len` floats. */
export function plainSoftmaxRows(x: Float32Array, y: Float32Array, rows: number, len: number, logarithm: boolean): void {
  stridedSoftmax(x, y, rows, len, 1, logarithm);
}

/** gx += the backward of softmax (or log-softmax, whose output y is) over each strided row. */
export function stridedSoftmaxBackward(g: Float32Array, y: Float32Array, gx: Float32Array, outer: number, len: number, inner: number, logarithm: boolean): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      const end = base + len * inner;
      let s = 0;
      if (logarithm) {
        // d/dx of log softmax: g − softmax · Σg.
        for (let p = base; p < end; p += inner) s += g[p];
        for (let p = base; p < end; p += inner) gx[p] += g[p] - Math.exp(y[p]) * s;
      } else {
        // d/dx of softmax: y ⊙ (g − Σ g·y).
        for (let p = base; p < end; p += inner) s += g[p] * y[p];
        for (let p = base; p < end; p += inner) gx[p] += y[p] * (g[p] - s);
      }
    }
  }
}

/** The backward of softmaxRows (Kernels.softmaxRowsBackward). */
export function plainSoftmaxRowsBackward(g: Float32Array, y: Float32Array, gx: Float32Array, rows: number, len: number, logarithm: boolean): void {
  stridedSoftmaxBackward(g, y, gx, rows, len, 1, logarithm);
}
