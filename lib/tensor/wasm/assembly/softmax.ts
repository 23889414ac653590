// AssemblyScript. Softmax / log-softmax of contiguous rows in float32 SIMD,
// with a vectorised exp (Cephes expf: range reduction by ln 2, degree-5
// polynomial, 2^n from the exponent bits; ~1 ulp on the range softmax uses).

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const EXP_HI: f32 = 88.3762626647949;
// Below this exp underflows float32: the result is 0 exactly (as for masked −∞ logits).
const EXP_LO: f32 = -87.3365478515625;

@inline
function exp4(x: v128): v128 {
  const keep = f32x4.ge(x, f32x4.splat(EXP_LO));
  x = f32x4.min(x, f32x4.splat(EXP_HI));
  x = f32x4.max(x, f32x4.splat(EXP_LO));
  const fx = f32x4.floor(f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(0.5)));
  x = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(LN2_HI)));
  x = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, x), f32x4.splat(5.0000001201e-1));
  const y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, x), x), x), f32x4.splat(1));
  const pow2n = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(fx), i32x4.splat(127)), 23);
  return v128.and(f32x4.mul(y, pow2n), keep);
}

@inline
function exp1(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

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
