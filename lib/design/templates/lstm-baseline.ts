import { DesignBuilder } from '../builder.ts';
import type { DesignDocument } from '../document.ts';
import { Row } from './layout.ts';

export interface LstmBaselineOptions {
  vocab: number;
  seqLen: number;
  embedding: number;
  hidden: number;
  layers: number;
  dropout: number;
  batchSize: number;
}

/** The recurrent baseline for the same token tasks: embedding → LSTM → language-model head. */
export function lstmBaseline(o: LstmBaselineOptions): DesignDocument {
  const b = new DesignBuilder();
  const row = new Row(0);
  b.node('tokens', 'token-input', { vocab: o.vocab, seqLen: o.seqLen }, row.next(), { label: 'Tokens' });
  b.node('embedding', 'token-embedding', { vocab: o.vocab, dModel: o.embedding, scale: false }, row.next());
  b.node('lstm', 'recurrent', { cell: 'lstm', layers: o.layers, hidden: o.hidden, dropout: o.layers > 1 ? o.dropout : 0 }, row.next(), { label: 'LSTM' });
  b.node('head', 'lm-head', { vocab: o.vocab }, row.next());
  b.node('probabilities', 'softmax', {}, row.next());
  b.edge('tokens.out', 'embedding.in');
  b.edge('embedding.out', 'lstm.in');
  b.edge('lstm.out', 'head.in');
  b.edge('head.out', 'probabilities.in');
  b.settings({ batchSize: o.batchSize, training: { learningRate: 3e-3 } });
  return b.build();
}
