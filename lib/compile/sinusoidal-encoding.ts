import { add, slice, tensor, type Tensor } from '../tensor/index.ts';
import { Module } from '../nn/index.ts';
import { sinusoidalTable } from '../nn/index.ts';

/**
 * The fixed sinusoidal encoding, computed only for the positions a batch
 * uses: a design may allow maxLen 65,536 while its inputs have 32 positions,
 * and nn's SinusoidalPositionalEncoding would build the whole table. No
 * parameters (a non-persistent buffer in PyTorch).
 */
export class SinusoidalEncoding extends Module {
  private table: Tensor | null = null;

  constructor(
    readonly dModel: number,
    readonly maxLen: number,
  ) {
    super();
  }

  /** PE[:rows] as [rows, dModel]. */
  matrix(rows: number): Tensor {
    if (rows > this.maxLen) throw new Error(`positional encoding: ${rows} positions exceed maxLen ${this.maxLen}`);
    if (!this.table || this.table.shape[0] < rows) this.table = tensor(sinusoidalTable(rows, this.dModel), [rows, this.dModel]);
    return this.table.shape[0] === rows ? this.table : slice(this.table, 0, 0, rows);
  }

  /** x [B, T, d] + PE[:T]. */
  forward(x: Tensor): Tensor {
    return add(x, this.matrix(x.shape[1]));
  }
}
