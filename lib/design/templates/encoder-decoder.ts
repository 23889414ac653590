import { DesignBuilder } from '../builder.ts';
import type { DesignDocument } from '../document.ts';
import { ROW, Row } from './layout.ts';
import { tokenStream, transformerStack, type TransformerSize } from './parts.ts';

export interface EncoderDecoderOptions extends TransformerSize {
  /** One vocabulary shared by source and target, as the paper's byte-pair encoding. */
  vocab: number;
  srcLen: number;
  tgtLen: number;
  warmupSteps: number;
  batchSize: number;
}

/**
 * The paper's encoder–decoder: source and target share one embedding
 * matrix, which the output projection reuses (tied), sinusoidal positions,
 * N encoder and N decoder blocks, then Linear and Softmax.
 */
export function encoderDecoder(o: EncoderDecoderOptions): DesignDocument {
  const b = new DesignBuilder();
  const top = new Row(0);
  const bottom = new Row(ROW);
  const stream = { vocab: o.vocab, dModel: o.dModel, positions: 'sinusoidal' as const, maxLen: 512, scale: true, dropout: o.dropout };
  const source = tokenStream(b, top, { ...stream, prefix: 'src', seqLen: o.srcLen, label: 'Source tokens' });
  const memory = transformerStack(b, top, 'encoder', 'encoder', source, o, { label: 'Encoder' });
  const target = tokenStream(b, bottom, { ...stream, prefix: 'tgt', seqLen: o.tgtLen, sharedWith: 'srcEmbedding', label: 'Target tokens (shifted right)' });
  // The decoder reads the encoder's output, so it starts to the right of it.
  bottom.skipTo(top.cursor);
  const decoded = transformerStack(b, bottom, 'decoder', 'decoder', target, o, { label: 'Decoder' });
  b.edge(memory, 'decoder.memory');
  b.node('head', 'lm-head', { vocab: o.vocab, tiedTo: 'srcEmbedding' }, bottom.next(), { label: 'Linear' });
  b.node('probabilities', 'softmax', {}, bottom.next());
  b.edge(decoded, 'head.in');
  b.edge('head.out', 'probabilities.in');
  b.settings({ batchSize: o.batchSize, training: { warmupSteps: o.warmupSteps, labelSmoothing: 0.1, learningRate: 1e-3 } });
  return b.build();
}
