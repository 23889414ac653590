import { Tensor } from '../tensor.ts';

/** The tensor as float32: itself when it already is, else a converted copy (ids and masks become numbers). */
export function toFloat32(x: Tensor): Tensor {
  if (x.dtype === 'float32') return x;
  return new Tensor(Float32Array.from(x.data), x.shape);
}

/** The float32 data of `x`, converting int32 input (which never carries gradients). */
export function floatData(x: Tensor): Float32Array {
  return (x.dtype === 'float32' ? x.data : Float32Array.from(x.data)) as Float32Array;
}
