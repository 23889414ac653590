// AssemblyScript. A vectorised exp in float32 (Cephes expf: range reduction by
// ln 2, degree-5 polynomial, 2^n from the exponent bits; ~1 ulp). Inputs above
// EXP_HI are clamped there (a finite 2.4e38); below EXP_LO the result is 0.

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
export const EXP_HI: f32 = 88.3762626647949;
// Below this exp underflows float32: the result is 0 exactly (as for masked −∞ logits).
const EXP_LO: f32 = -87.3365478515625;

@inline
export function exp4(x: v128): v128 {
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
export function exp1(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

