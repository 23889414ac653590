import { decoderBlockNodes, encoderBlockNodes, type TransformerBlockOptions } from '../blocks.ts';
import type { DesignBuilder } from '../builder.ts';
import { blockWidth, Row } from './layout.ts';

/** The hyperparameters that size a Transformer template. */
export interface TransformerSize {
  dModel: number;
  heads: number;
  dFF: number;
  layers: number;
  dropout: number;
  normFirst: boolean;
}

export interface TokenStreamOptions {
  prefix: string;
  vocab: number;
  seqLen: number;
  dModel: number;
  positions: 'sinusoidal' | 'learned';
  maxLen: number;
  scale: boolean;
  dropout: number;
  sharedWith?: string;
  label: string;
}

/** Token input → embedding → positional encoding (→ dropout); returns the endpoint carrying the sequence. */
export function tokenStream(b: DesignBuilder, row: Row, o: TokenStreamOptions): string {
  const tokens = b.node(`${o.prefix}Tokens`, 'token-input', { vocab: o.vocab, seqLen: o.seqLen }, row.next(), { label: o.label });
  const embedding = b.node(
    `${o.prefix}Embedding`,
    'token-embedding',
    { vocab: o.vocab, dModel: o.dModel, scale: o.scale, sharedWith: o.sharedWith ?? null },
    row.next(),
  );
  const positions = b.node(`${o.prefix}Positions`, 'positional-encoding', { kind: o.positions, maxLen: o.maxLen }, row.next());
  b.edge(`${tokens}.out`, `${embedding}.in`);
  b.edge(`${embedding}.out`, `${positions}.in`);
  return withDropout(b, row, `${o.prefix}Dropout`, `${positions}.out`, o.dropout);
}

/** Inserts a dropout node after `from` when p > 0; returns the endpoint to continue from. */
export function withDropout(b: DesignBuilder, row: Row, id: string, from: string, p: number): string {
  if (p === 0) return from;
  b.node(id, 'dropout', { p }, row.next());
  b.edge(from, `${id}.in`);
  return `${id}.out`;
}

/** An encoder or decoder block ×layers, fed from `from`; returns its output endpoint. */
export function transformerStack(
  b: DesignBuilder,
  row: Row,
  kind: 'encoder' | 'decoder',
  id: string,
  from: string,
  size: TransformerSize,
  extra: Partial<TransformerBlockOptions> & { cross?: boolean; causal?: boolean; label: string },
): string {
  const options: TransformerBlockOptions = {
    id,
    heads: size.heads,
    dFF: size.dFF,
    dropout: size.dropout,
    normFirst: size.normFirst,
    repeat: size.layers,
    collapsed: size.layers > 1,
    ...extra,
  };
  const part = kind === 'encoder' ? encoderBlockNodes(options) : decoderBlockNodes(options);
  part.nodes[0].position = row.next(blockWidth(part));
  b.add(part);
  b.edge(from, `${id}.in`);
  // Pre-LN leaves the residual stream unnormalised, so a stack ends with one more layer norm.
  if (!size.normFirst) return `${id}.out`;
  const norm = b.node(`${id}Norm`, 'layer-norm', {}, row.next());
  b.edge(`${id}.out`, `${norm}.in`);
  return `${norm}.out`;
}
