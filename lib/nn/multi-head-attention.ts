import {
  dropout,
  linear,
  matmul,
  mean,
  mul,
  permute,
  reshape,
  slice,
  softmax,
  split,
  transpose,
  type Rng,
  type Tensor,
} from '../tensor/index.ts';
import { applyAttentionMasks, type AttentionMasks } from './attention-mask.ts';
import { constantParameter, xavierUniformParameter } from './init.ts';
import { Linear } from './linear.ts';
import { Module } from './module.ts';

/** How the heads' outputs are combined: concatenated (standard) or averaged (a teaching option). */
export type HeadMerge = 'concat' | 'mean';

export interface MultiHeadAttentionOptions {
  /** Draws the initial weights and seeds the attention-dropout stream. */
  rng: Rng;
  /** Dropout on the attention weights (default 0). */
  dropout?: number;
  /** Biases on the in- and out-projections (default true). */
  bias?: boolean;
  /**
   * 'concat' (default, as PyTorch): heads are concatenated to width d and out_proj maps d → d.
   * 'mean': heads are averaged to width d/heads and out_proj maps d/heads → d.
   */
  headMerge?: HeadMerge;
}

export interface AttentionResult {
  /** [B, T, d]. */
  output: Tensor;
  /** Attention weights per head [B, heads, T, S], after dropout as PyTorch returns them (for display). */
  weights: Tensor;
}

/** torch.nn.MultiheadAttention(batch_first=True) with the packed in-projection [3d, d]. */
export class MultiHeadAttention extends Module {
  readonly inProjWeight: Tensor;
  readonly inProjBias: Tensor | null;
  readonly outProj: Linear;
  readonly headDim: number;
  readonly dropoutP: number;
  readonly headMerge: HeadMerge;
  private readonly rng: Rng;

  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    options: MultiHeadAttentionOptions,
  ) {
    super();
    if (embedDim % numHeads !== 0) {
      throw new Error(`MultiHeadAttention: embedDim ${embedDim} must be divisible by numHeads ${numHeads}`);
    }
    this.headDim = embedDim / numHeads;
    this.dropoutP = options.dropout ?? 0;
    this.headMerge = options.headMerge ?? 'concat';
    const bias = options.bias ?? true;
    // PyTorch builds out_proj (drawing its Linear init) before xavier-initialising in_proj_weight.
    const mergedWidth = this.headMerge === 'concat' ? embedDim : this.headDim;
    const outProj = new Linear(mergedWidth, embedDim, { rng: options.rng, bias });
    if (outProj.bias) outProj.bias.data.fill(0);
    this.inProjWeight = this.registerParameter('in_proj_weight', xavierUniformParameter([3 * embedDim, embedDim], options.rng));
    this.inProjBias = bias ? this.registerParameter('in_proj_bias', constantParameter([3 * embedDim], 0)) : null;
    this.outProj = this.registerModule('out_proj', outProj);
    this.rng = options.rng.fork();
  }

  /** Attends from query [B, T, d] to key/value [B, S, d]; key and value default to query (self-attention). */
  forward(query: Tensor, key: Tensor = query, value: Tensor = key, masks: AttentionMasks = {}): AttentionResult {
    const d = this.embedDim;
    const [batch, tgtLen] = this.checkInput('query', query);
    const [keyBatch, srcLen] = this.checkInput('key', key);
    const [valueBatch, valueLen] = this.checkInput('value', value);
    if (keyBatch !== batch || valueBatch !== batch || valueLen !== srcLen) {
      throw new Error(
        `MultiHeadAttention: query [${query.shape.join(',')}], key [${key.shape.join(',')}] and value [${value.shape.join(',')}] disagree`,
      );
    }
    const [q, k, v] = this.project(query, key, value);
    const heads = (x: Tensor, len: number): Tensor =>
      permute(reshape(x, [batch, len, this.numHeads, this.headDim]), [0, 2, 1, 3]);
    // PyTorch scales q before the product rather than the [T, S] scores.
    const qh = mul(heads(q, tgtLen), 1 / Math.sqrt(this.headDim));
    const kh = heads(k, srcLen);
    const vh = heads(v, srcLen);
    let scores = matmul(qh, transpose(kh, 2, 3)); // [B, H, T, S]
    scores = applyAttentionMasks(scores, masks);
    const weights = dropout(softmax(scores, 3), this.dropoutP, this.training, this.rng);
    const context = matmul(weights, vh); // [B, H, T, headDim]
    const merged =
      this.headMerge === 'concat'
        ? reshape(permute(context, [0, 2, 1, 3]), [batch, tgtLen, d])
        : mean(context, 1); // [B, T, headDim]
    return { output: this.outProj.forward(merged), weights };
  }

  private checkInput(name: string, x: Tensor): [number, number] {
    if (x.shape.length !== 3 || x.shape[2] !== this.embedDim) {
      throw new Error(`MultiHeadAttention: ${name} must be [batch, seq, ${this.embedDim}], got [${x.shape.join(',')}]`);
    }
    return [x.shape[0], x.shape[1]];
  }

  /** The packed projection: one product for self-attention, row blocks of in_proj_weight otherwise. */
  private project(query: Tensor, key: Tensor, value: Tensor): [Tensor, Tensor, Tensor] {
    const d = this.embedDim;
    const w = this.inProjWeight;
    const b = this.inProjBias;
    if (query === key && key === value) {
      const [q, k, v] = split(linear(query, w, b ?? undefined), d, 2);
      return [q, k, v];
    }
    const rows = (start: number, end: number): [Tensor, Tensor | undefined] => [
      slice(w, 0, start, end),
      b ? slice(b, 0, start, end) : undefined,
    ];
    const q = linear(query, ...rows(0, d));
    if (key === value) {
      const [k, v] = split(linear(key, ...rows(d, 3 * d)), d, 2);
      return [q, k, v];
    }
    return [q, linear(key, ...rows(d, 2 * d)), linear(value, ...rows(2 * d, 3 * d))];
  }
}
