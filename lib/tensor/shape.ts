/**
 * Shape arithmetic shared by the ops: sizes, strides, axis normalisation and
 * the broadcasting row iterator every elementwise kernel (and its backward
 * reduction) is built on.
 */

/** Number of elements of a tensor with this shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a contiguous tensor. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** `[2,3]`, the form shapes take in error messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** True when both shapes have the same dims. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Throws unless `shape` is a list of non-negative integers. */
export function checkShape(shape: readonly number[], op: string): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`${op}: invalid shape ${formatShape(shape)}`);
  }
}

/** NumPy broadcasting of two shapes; throws naming the op when they are incompatible. */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const nd = Math.max(a.length, b.length);
  const out = new Array<number>(nd);
  for (let i = 0; i < nd; i++) {
    const da = i < nd - a.length ? 1 : a[i - (nd - a.length)];
    const db = i < nd - b.length ? 1 : b[i - (nd - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Maps a possibly negative axis into [0, ndim); throws when out of range. */
export function normaliseAxis(axis: number, ndim: number, op: string): number {
  const a = axis < 0 ? axis + ndim : axis;
  if (!Number.isInteger(a) || a < 0 || a >= ndim) {
    throw new Error(`${op}: axis ${axis} out of range for a tensor of rank ${ndim}`);
  }
  return a;
}

/** Views a shape as [outer, shape[axis], inner] around one axis. */
export function splitAtAxis(shape: readonly number[], axis: number): { outer: number; len: number; inner: number } {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  return { outer, len: shape[axis], inner };
}

/**
 * Called once per output row: output elements [o, o+n) pair with
 * a[ao + j*as] and b[bo + j*bs] for j < n (a stride of 0 = broadcast).
 */
export type RowVisitor = (o: number, ao: number, as: number, bo: number, bs: number, n: number) => void;

/**
 * Walks an output of shape `outShape` row by row, giving the offsets of the
 * matching elements of two operands broadcast to it. Adjacent dims that are
 * laid out compatibly for both operands are merged first, so a same-shape or
 * scalar operation is one single row and a bias add is one row per vector.
 * The visitor is called per row, never per element.
 */
export function broadcastRows(
  outShape: readonly number[],
  aShape: readonly number[],
  bShape: readonly number[],
  visit: RowVisitor,
): void {
  const total = sizeOf(outShape);
  if (total === 0) return;
  const nd = outShape.length;
  // Coalesce dims, innermost first: dims[], aStr[], bStr[] describe the walk.
  const dims: number[] = [];
  const aStr: number[] = [];
  const bStr: number[] = [];
  let aRun = 1;
  let bRun = 1;
  for (let i = nd - 1; i >= 0; i--) {
    const d = outShape[i];
    if (d === 1) continue;
    const ia = i - (nd - aShape.length);
    const ib = i - (nd - bShape.length);
    const as = ia >= 0 && aShape[ia] !== 1 ? aRun : 0;
    const bs = ib >= 0 && bShape[ib] !== 1 ? bRun : 0;
    if (as !== 0) aRun *= d;
    if (bs !== 0) bRun *= d;
    const k = dims.length - 1;
    if (k >= 0 && as === aStr[k] * dims[k] && bs === bStr[k] * dims[k]) {
      dims[k] *= d;
    } else {
      dims.push(d);
      aStr.push(as);
      bStr.push(bs);
    }
  }
  if (dims.length === 0) {
    visit(0, 0, 0, 0, 0, 1);
    return;
  }
  const n = dims[0];
  const rank = dims.length;
  if (rank === 1) {
    visit(0, 0, aStr[0], 0, bStr[0], n);
    return;
  }
  const rows = total / n;
  const idx = new Int32Array(rank);
  let ao = 0;
  let bo = 0;
  for (let r = 0; r < rows; r++) {
    visit(r * n, ao, aStr[0], bo, bStr[0], n);
    for (let d = 1; d < rank; d++) {
      idx[d]++;
      ao += aStr[d];
      bo += bStr[d];
      if (idx[d] < dims[d]) break;
      ao -= aStr[d] * dims[d];
      bo -= bStr[d] * dims[d];
      idx[d] = 0;
    }
  }
}
