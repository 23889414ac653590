import { DesignBuilder } from '../builder.ts';
import type { DesignDocument } from '../document.ts';
import { Row } from './layout.ts';
import { transformerStack, withDropout, type TransformerSize } from './parts.ts';

export interface SeriesForecasterOptions extends TransformerSize {
  features: number;
  seqLen: number;
  horizon: number;
  batchSize: number;
}

/** A series → Linear to d_model → sinusoidal positions → encoder ×N → regression head for the next steps. */
export function seriesForecaster(o: SeriesForecasterOptions): DesignDocument {
  const b = new DesignBuilder();
  const row = new Row(0);
  b.node('series', 'series-input', { features: o.features, seqLen: o.seqLen }, row.next(), { label: 'Series' });
  b.node('projection', 'linear', { outFeatures: o.dModel }, row.next(), { label: 'Input projection' });
  b.node('positions', 'positional-encoding', { kind: 'sinusoidal', maxLen: Math.max(512, o.seqLen) }, row.next());
  b.edge('series.out', 'projection.in');
  b.edge('projection.out', 'positions.in');
  const embedded = withDropout(b, row, 'inputDropout', 'positions.out', o.dropout);
  const encoded = transformerStack(b, row, 'encoder', 'encoder', embedded, o, { label: 'Encoder' });
  b.node('forecast', 'regression-head', { outputs: o.features, horizon: o.horizon }, row.next());
  b.edge(encoded, 'forecast.in');
  b.settings({ batchSize: o.batchSize });
  return b.build();
}
