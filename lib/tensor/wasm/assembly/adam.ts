// AssemblyScript. Adam/AdamW update in float32 SIMD: each f32x4 operation is
// correctly rounded, so the result is bit-identical to the TypeScript kernel
// (lib/tensor/kernels/adam-step.ts), which rounds to float32 after every step.

/** One update of n parameters in place; p, g, m, v are byte addresses of float32 arrays. */
export function adamStep(p: usize, g: usize, m: usize, v: usize, n: i32, useDecay: bool, decay: f32, l2: f32, lerpWeight: f32, beta2: f32, oneMinusBeta2: f32, negStepSize: f32, bc2Sqrt: f32, eps: f32): void {
  const vDecay = f32x4.splat(decay);
  const vL2 = f32x4.splat(l2);
  const vW = f32x4.splat(lerpWeight);
  const vB2 = f32x4.splat(beta2);
  const vOne = f32x4.splat(oneMinusBeta2);
  const vStep = f32x4.splat(negStepSize);
  const vBc = f32x4.splat(bc2Sqrt);
  const vEps = f32x4.splat(eps);
  const useL2 = l2 != 0;
  const n4 = n & ~3;
  let j: i32 = 0;
  for (; j < n4; j += 4) {
    const o = <usize>j << 2;
    let pd = v128.load(p + o);
    if (useDecay) pd = f32x4.mul(pd, vDecay);
    let gd = v128.load(g + o);
    if (useL2) gd = f32x4.add(gd, f32x4.mul(vL2, pd));
    let md = v128.load(m + o);
    md = f32x4.add(md, f32x4.mul(vW, f32x4.sub(gd, md)));
    let vd = v128.load(v + o);
    vd = f32x4.add(f32x4.mul(vd, vB2), f32x4.mul(f32x4.mul(vOne, gd), gd));
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(vd), vBc), vEps);
    pd = f32x4.add(pd, f32x4.div(f32x4.mul(vStep, md), denom));
    v128.store(p + o, pd);
    v128.store(m + o, md);
    v128.store(v + o, vd);
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    let pd = load<f32>(p + o);
    if (useDecay) pd = pd * decay;
    let gd = load<f32>(g + o);
    if (useL2) gd = gd + l2 * pd;
    let md = load<f32>(m + o);
    md = md + lerpWeight * (gd - md);
    let vd = load<f32>(v + o);
    vd = vd * beta2 + oneMinusBeta2 * gd * gd;
    const denom = Mathf.sqrt(vd) / bc2Sqrt + eps;
    pd = pd + (negStepSize * md) / denom;
    store<f32>(p + o, pd);
    store<f32>(m + o, md);
    store<f32>(v + o, vd);
  }
}
