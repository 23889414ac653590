/** Row gathers by integer id: embedding lookups and indexSelect; backward scatter-adds. */
import { attachGrad, gradBuffer, tracksGrad } from '../autograd.ts';
import { formatShape, normaliseAxis, splitAtAxis } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { toFloat32 } from './cast.ts';

function checkIds(ids: Tensor, limit: number, op: string): Int32Array {
  if (ids.dtype !== 'int32') throw new Error(`${op}: ids must be an int32 tensor`);
  const data = ids.data as Int32Array;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < 0 || data[i] >= limit) throw new Error(`${op}: id ${data[i]} at position ${i} is outside [0, ${limit})`);
  }
  return data;
}

/** F.embedding: rows of weight [V, d] picked by int32 ids of any shape → [...ids.shape, d]. */
export function embedding(ids: Tensor, weight: Tensor): Tensor {
  if (weight.ndim !== 2) throw new Error(`embedding: weight must be [vocab, dim], got ${formatShape(weight.shape)}`);
  const [vocab, d] = weight.shape;
  const idx = checkIds(ids, vocab, 'embedding');
  const wd = weight.data as Float32Array;
  const out = new Float32Array(idx.length * d);
  for (let i = 0; i < idx.length; i++) out.set(wd.subarray(idx[i] * d, idx[i] * d + d), i * d);
  const result = new Tensor(out, [...ids.shape, d]);
  if (!tracksGrad(weight)) return result;
  return attachGrad(result, 'embedding', [weight], (g) => {
    const gw = gradBuffer(weight);
    for (let i = 0; i < idx.length; i++) {
      const dst = idx[i] * d;
      const src = i * d;
      for (let j = 0; j < d; j++) gw[dst + j] += g[src + j];
    }
  });
}

/** torch.index_select: the entries at 1-D int32 `ids` along `axis`. */
export function indexSelect(input: Tensor, axis: number, ids: Tensor): Tensor {
  const x = toFloat32(input);
  const ax = normaliseAxis(axis, x.ndim, 'indexSelect');
  if (ids.ndim !== 1) throw new Error(`indexSelect: ids must be 1-D, got ${formatShape(ids.shape)}`);
  const { outer, len, inner } = splitAtAxis(x.shape, ax);
  const idx = checkIds(ids, len, 'indexSelect');
  const count = idx.length;
  const xd = x.data as Float32Array;
  const out = new Float32Array(outer * count * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < count; k++) {
      const src = (o * len + idx[k]) * inner;
      out.set(xd.subarray(src, src + inner), (o * count + k) * inner);
    }
  }
  const result = new Tensor(out, x.shape.map((d, i) => (i === ax ? count : d)));
  if (!tracksGrad(x)) return result;
  return attachGrad(result, 'indexSelect', [x], (g) => {
    const gx = gradBuffer(x);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < count; k++) {
        const dst = (o * len + idx[k]) * inner;
        const src = (o * count + k) * inner;
        for (let j = 0; j < inner; j++) gx[dst + j] += g[src + j];
      }
    }
  });
}
