import { DesignBuilder } from '../builder.ts';
import type { DesignDocument } from '../document.ts';
import { Row } from './layout.ts';
import { tokenStream, transformerStack, type TransformerSize } from './parts.ts';

export interface DecoderLmOptions extends TransformerSize {
  vocab: number;
  seqLen: number;
  maxLen: number;
  batchSize: number;
}

/**
 * GPT style: learned positions, decoder blocks with causal self-attention
 * and no cross-attention, pre-LN with a final layer norm, and an output
 * head tied to the token embedding.
 */
export function decoderLanguageModel(o: DecoderLmOptions): DesignDocument {
  const b = new DesignBuilder();
  const row = new Row(0);
  const tokens = tokenStream(b, row, {
    prefix: 'input',
    vocab: o.vocab,
    seqLen: o.seqLen,
    dModel: o.dModel,
    positions: 'learned',
    maxLen: o.maxLen,
    scale: false,
    dropout: o.dropout,
    label: 'Tokens',
  });
  const decoded = transformerStack(b, row, 'decoder', 'decoder', tokens, o, { cross: false, label: 'Decoder' });
  b.node('head', 'lm-head', { vocab: o.vocab, tiedTo: 'inputEmbedding', bias: false }, row.next());
  b.node('probabilities', 'softmax', {}, row.next());
  b.edge(decoded, 'head.in');
  b.edge('head.out', 'probabilities.in');
  b.settings({ batchSize: o.batchSize, training: { optimizer: 'adamw', learningRate: 3e-4 } });
  return b.build();
}
