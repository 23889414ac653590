/**
 * Scratch space in a WebAssembly module's memory, laid out afresh by every
 * kernel call: operands are copied in, the kernel runs, results are copied out,
 * and the next call reuses the same bytes. Memory grows to the largest single
 * call and never further, so a long training run leaves it flat.
 */
export class WasmArena {
  private top: number;
  private f32: Float32Array;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly base: number,
  ) {
    this.top = base;
    this.f32 = new Float32Array(memory.buffer);
  }

  /** Forgets every block taken since the last reset (the start of a kernel call). */
  reset(): void {
    this.top = this.base;
  }

  /** Reserves room for `count` float32s, 16-byte aligned for v128 access; returns its byte address. */
  take(count: number): number {
    const at = (this.top + 15) & ~15;
    this.top = at + count * 4;
    const short = this.top - this.memory.buffer.byteLength;
    if (short > 0) {
      this.memory.grow(Math.ceil(short / 65536));
      this.f32 = new Float32Array(this.memory.buffer);
    }
    return at;
  }

  /** Copies `count` values of `src` from `offset` into a new float32 block (float64 sources are rounded); returns its address. */
  copyIn(src: Float32Array | Float64Array, offset: number, count: number): number {
    const at = this.take(count);
    this.f32.set(src.subarray(offset, offset + count), at >>> 2);
    return at;
  }

  /** Copies `count` floats at byte address `at` out into `dst` from `offset`. */
  copyOut(at: number, dst: Float32Array | Float64Array, offset: number, count: number): void {
    dst.set(this.f32.subarray(at >>> 2, (at >>> 2) + count), offset);
  }

  /** Bytes of module memory in use (grows, never shrinks). */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }
}
