// AssemblyScript. Layer norm over contiguous rows of d floats, forward and
// backward, in float32 SIMD; the per-row statistics are summed in f32x4 lanes
// and combined in f64. Absent tensors are passed as address 0 with their flag false.

@inline
function sumLanes(v: v128): f64 {
  return <f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1) + <f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3);
}

/** y = (x − μ)/σ·w + b per row; writes each row's μ and 1/σ to mean and rstd (float32 arrays). */
export function layerNormForward(x: usize, w: usize, b: usize, y: usize, mean: usize, rstd: usize, rows: i32, d: i32, eps: f64, hasW: bool, hasB: bool): void {
  const d4 = d & ~3;
  for (let r: i32 = 0; r < rows; r++) {
    const xr = x + (<usize>(r * d) << 2);
    const yr = y + (<usize>(r * d) << 2);
    let vs = f32x4.splat(0);
    let j: i32 = 0;
    for (; j < d4; j += 4) vs = f32x4.add(vs, v128.load(xr + (<usize>j << 2)));
    let s = sumLanes(vs);
    for (; j < d; j++) s += <f64>load<f32>(xr + (<usize>j << 2));
    const mu = <f32>(s / d);
    const vmu = f32x4.splat(mu);
    let vv = f32x4.splat(0);
    for (j = 0; j < d4; j += 4) {
      const c = f32x4.sub(v128.load(xr + (<usize>j << 2)), vmu);
      vv = f32x4.add(vv, f32x4.mul(c, c));
    }
    let v = sumLanes(vv);
    for (; j < d; j++) {
      const c = <f64>(load<f32>(xr + (<usize>j << 2)) - mu);
      v += c * c;
    }
    const rs = <f32>(1 / Math.sqrt(v / d + eps));
    store<f32>(mean + (<usize>r << 2), mu);
    store<f32>(rstd + (<usize>r << 2), rs);
    const vrs = f32x4.splat(rs);
    for (j = 0; j < d4; j += 4) {
      const o = <usize>j << 2;
      let h = f32x4.mul(f32x4.sub(v128.load(xr + o), vmu), vrs);
      if (hasW) h = f32x4.mul(h, v128.load(w + o));
      if (hasB) h = f32x4.add(h, v128.load(b + o));
      v128.store(yr + o, h);
    }
    for (; j < d; j++) {
      const o = <usize>j << 2;
      let h = (load<f32>(xr + o) - mu) * rs;
      if (hasW) h *= load<f32>(w + o);
      if (hasB) h += load<f32>(b + o);
      store<f32>(yr + o, h);
    }
  }
}

/** Accumulates dx (when wantGx), dw (wantGw) and db (wantGb) of layer norm from the upstream gradient g. */
export function layerNormBackward(x: usize, w: usize, g: usize, mean: usize, rstd: usize, gx: usize, gw: usize, gb: usize, rows: i32, d: i32, hasW: bool, wantGx: bool, wantGw: bool, wantGb: bool): void {
  const d4 = d & ~3;
  for (let r: i32 = 0; r < rows; r++) {
    const ro = <usize>(r * d) << 2;
    const xr = x + ro;
    const grr = g + ro;
    const mu = f32x4.splat(load<f32>(mean + (<usize>r << 2)));
    const rs = load<f32>(rstd + (<usize>r << 2));
    const vrs = f32x4.splat(rs);
    let vG = f32x4.splat(0);
    let vGX = f32x4.splat(0);
    let j: i32 = 0;
    for (; j < d4; j += 4) {
      const o = <usize>j << 2;
      const xhat = f32x4.mul(f32x4.sub(v128.load(xr + o), mu), vrs);
      const gj = v128.load(grr + o);
      const gh = hasW ? f32x4.mul(gj, v128.load(w + o)) : gj;
      vG = f32x4.add(vG, gh);
      vGX = f32x4.add(vGX, f32x4.mul(gh, xhat));
      if (wantGw) v128.store(gw + o, f32x4.add(v128.load(gw + o), f32x4.mul(gj, xhat)));
      if (wantGb) v128.store(gb + o, f32x4.add(v128.load(gb + o), gj));
    }
    let sumG = sumLanes(vG);
    let sumGX = sumLanes(vGX);
    for (; j < d; j++) {
      const o = <usize>j << 2;
      const xhat = (load<f32>(xr + o) - f32x4.extract_lane(mu, 0)) * rs;
      const gj = load<f32>(grr + o);
      const gh = hasW ? gj * load<f32>(w + o) : gj;
      sumG += <f64>gh;
      sumGX += <f64>(gh * xhat);
      if (wantGw) store<f32>(gw + o, load<f32>(gw + o) + gj * xhat);
      if (wantGb) store<f32>(gb + o, load<f32>(gb + o) + gj);
    }
    if (!wantGx) continue;
    const meanG = <f32>(sumG / d);
    const meanGX = <f32>(sumGX / d);
    const vMeanG = f32x4.splat(meanG);
    const vMeanGX = f32x4.splat(meanGX);
    const gxr = gx + ro;
    for (j = 0; j < d4; j += 4) {
      const o = <usize>j << 2;
      const xhat = f32x4.mul(f32x4.sub(v128.load(xr + o), mu), vrs);
      const gj = v128.load(grr + o);
      const gh = hasW ? f32x4.mul(gj, v128.load(w + o)) : gj;
      const dx = f32x4.mul(f32x4.sub(f32x4.sub(gh, vMeanG), f32x4.mul(xhat, vMeanGX)), vrs);
      v128.store(gxr + o, f32x4.add(v128.load(gxr + o), dx));
    }
    for (; j < d; j++) {
      const o = <usize>j << 2;
      const xhat = (load<f32>(xr + o) - f32x4.extract_lane(mu, 0)) * rs;
      const gj = load<f32>(grr + o);
      const gh = hasW ? gj * load<f32>(w + o) : gj;
      store<f32>(gxr + o, load<f32>(gxr + o) + (gh - meanG - xhat * meanGX) * rs);
    }
  }
}
