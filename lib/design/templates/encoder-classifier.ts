import { DesignBuilder } from '../builder.ts';
import type { DesignDocument } from '../document.ts';
import { Row } from './layout.ts';
import { tokenStream, transformerStack, type TransformerSize } from './parts.ts';

export interface EncoderClassifierOptions extends TransformerSize {
  vocab: number;
  seqLen: number;
  classes: number;
  batchSize: number;
}

/** Encoder-only: tokens → embedding + positions → encoder ×N → mean-pooled classification head. */
export function encoderClassifier(o: EncoderClassifierOptions): DesignDocument {
  const b = new DesignBuilder();
  const row = new Row(0);
  const tokens = tokenStream(b, row, {
    prefix: 'input',
    vocab: o.vocab,
    seqLen: o.seqLen,
    dModel: o.dModel,
    positions: 'sinusoidal',
    maxLen: 512,
    scale: true,
    dropout: o.dropout,
    label: 'Tokens',
  });
  const encoded = transformerStack(b, row, 'encoder', 'encoder', tokens, o, { label: 'Encoder' });
  b.node('head', 'classification-head', { classes: o.classes, pooling: 'mean' }, row.next());
  b.node('probabilities', 'softmax', {}, row.next());
  b.edge(encoded, 'head.in');
  b.edge('head.out', 'probabilities.in');
  b.settings({ batchSize: o.batchSize });
  return b.build();
}
