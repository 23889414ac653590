// AssemblyScript. Softmax / log-softmax of contiguous rows in float32 SIMD,
// forward and backward, with the vectorised exp of ./exp.

import { exp4, exp1 } from './exp';

/** y[r, :] = softmax(x[r, :]) (or log-softmax) for `rows` rows of `len` floats; x and y are byte addresses. */
export function softmaxRows(x: usize, y: usize, rows: i32, len: i32, logarithm: bool): void {
  const len4 = len & ~3;
  for (let r: i32 = 0; r < rows; r++) {
    const xr = x + (<usize>(r * len) << 2);
    const yr = y + (<usize>(r * len) << 2);
    let vm = f32x4.splat(-Infinity);
    let j: i32 = 0;
    for (; j < len4; j += 4) vm = f32x4.max(vm, v128.load(xr + (<usize>j << 2)));
    let m = max(max(f32x4.extract_lane(vm, 0), f32x4.extract_lane(vm, 1)), max(f32x4.extract_lane(vm, 2), f32x4.extract_lane(vm, 3)));
    for (; j < len; j++) m = max(m, load<f32>(xr + (<usize>j << 2)));
    const vmax = f32x4.splat(m);
    let vs = f32x4.splat(0);
    let tail: f32 = 0;
    for (j = 0; j < len4; j += 4) {
      const e = exp4(f32x4.sub(v128.load(xr + (<usize>j << 2)), vmax));
      if (!logarithm) v128.store(yr + (<usize>j << 2), e);
      vs = f32x4.add(vs, e);
    }
    for (; j < len; j++) {
      const e = exp1(load<f32>(xr + (<usize>j << 2)) - m);
      if (!logarithm) store<f32>(yr + (<usize>j << 2), e);
      tail += e;
    }
    const s = <f64>f32x4.extract_lane(vs, 0) + <f64>f32x4.extract_lane(vs, 1) + <f64>f32x4.extract_lane(vs, 2) + <f64>f32x4.extract_lane(vs, 3) + <f64>tail;
    if (logarithm) {
      // (x − max) − log Σ: shifting first keeps the precision a rounded log-sum-exp near large logits would lose.
      const logS = <f32>Math.log(s);
      const vl = f32x4.splat(logS);
      for (j = 0; j < len4; j += 4) v128.store(yr + (<usize>j << 2), f32x4.sub(f32x4.sub(v128.load(xr + (<usize>j << 2)), vmax), vl));
      for (; j < len; j++) store<f32>(yr + (<usize>j << 2), load<f32>(xr + (<usize>j << 2)) - m - logS);
    } else {
      const inv = <f32>(1 / s);
      const vi = f32x4.splat(inv);
      for (j = 0; j < len4; j += 4) v128.store(yr + (<usize>j << 2), f32x4.mul(v128.load(yr + (<usize>j << 2)), vi));
      for (; j < len; j++) store<f32>(yr + (<usize>j << 2), load<f32>(yr + (<usize>j << 2)) * inv);
    }
  }
}

/**
 * gx += softmax's backward y ⊙ (g − Σ g·y) per row, or log-softmax's
 * g − exp(y)·Σ g when `logarithm` (y is then the log-softmax output). The row
 * sums run in f32x4 lanes and are combined in f64.
 */
export function softmaxRowsBackward(g: usize, y: usize, gx: usize, rows: i32, len: i32, logarithm: bool): void {
  const len4 = len & ~3;
  for (let r: i32 = 0; r < rows; r++) {
    const ro = <usize>(r * len) << 2;
    const gr = g + ro;
    const yr = y + ro;
    const xr = gx + ro;
    let vs = f32x4.splat(0);
    let tail: f64 = 0;
    let j: i32 = 0;
    if (logarithm) {
      for (; j < len4; j += 4) vs = f32x4.add(vs, v128.load(gr + (<usize>j << 2)));
      for (; j < len; j++) tail += <f64>load<f32>(gr + (<usize>j << 2));
    } else {
      for (; j < len4; j += 4) vs = f32x4.add(vs, f32x4.mul(v128.load(gr + (<usize>j << 2)), v128.load(yr + (<usize>j << 2))));
      for (; j < len; j++) tail += <f64>(load<f32>(gr + (<usize>j << 2)) * load<f32>(yr + (<usize>j << 2)));
    }
    const s = <f32>(<f64>f32x4.extract_lane(vs, 0) + <f64>f32x4.extract_lane(vs, 1) + <f64>f32x4.extract_lane(vs, 2) + <f64>f32x4.extract_lane(vs, 3) + tail);
    const vsum = f32x4.splat(s);
    for (j = 0; j < len4; j += 4) {
      const o = <usize>j << 2;
      const gj = v128.load(gr + o);
      const yj = v128.load(yr + o);
      const d = logarithm ? f32x4.sub(gj, f32x4.mul(exp4(yj), vsum)) : f32x4.mul(yj, f32x4.sub(gj, vsum));
      v128.store(xr + o, f32x4.add(v128.load(xr + o), d));
    }
    for (; j < len; j++) {
      const o = <usize>j << 2;
      const gj = load<f32>(gr + o);
      const yj = load<f32>(yr + o);
      const d = logarithm ? gj - exp1(yj) * s : yj * (gj - s);
      store<f32>(xr + o, load<f32>(xr + o) + d);
    }
  }
}
