import { encoderBlockNodes } from '../../design/blocks.ts';
import { DesignBuilder } from '../../design/builder.ts';
import type { DesignDocument } from '../../design/document.ts';
import { templateDocument } from '../../design/templates/index.ts';

/** A template's document; throws on an unknown name (a test's mistake). */
export function template(name: string): DesignDocument {
  const result = templateDocument(name);
  if (!result.ok) throw new Error(result.message);
  return result.doc;
}

/**
 * A small design using every node type and option the templates leave out:
 * series and token inputs, a padding mask, learned and sinusoidal positions,
 * a shared embedding, a custom pre-LN block ×2 with causal mean-merged
 * attention, add, add & norm and a bias-free GELU feed-forward, cross-attention,
 * dropout, GRU ×2 and LSTM, classification heads pooling first and mean,
 * a regression head, tied and untied language-model heads, softmax.
 * Widths are tiny so that a finite-difference check over every weight is quick.
 */
export function everyLayerDesign(): DesignDocument {
  const b = new DesignBuilder();
  const d = 4;
  b.node('series', 'series-input', { features: 2, seqLen: 4 });
  b.node('proj', 'linear', { outFeatures: d });
  b.node('learned', 'positional-encoding', { kind: 'learned', maxLen: 6 });
  b.node('drop', 'dropout', { p: 0.1 });
  b.edge('series.out', 'proj.in');
  b.edge('proj.out', 'learned.in');
  b.edge('learned.out', 'drop.in');

  b.node('stack', 'block', { kind: 'custom', repeat: 2 });
  const inside = { parentId: 'stack' };
  b.node('stack.norm', 'layer-norm', {}, undefined, inside);
  b.node('stack.attn', 'multi-head-attention', { heads: 2, causal: true, headMerge: 'mean', dropout: 0.1 }, undefined, inside);
  b.node('stack.add', 'add', { dropout: 0.1 }, undefined, inside);
  b.node('stack.ffn', 'feed-forward', { dFF: 3, activation: 'gelu', bias: false, dropout: 0.1 }, undefined, inside);
  b.node('stack.addNorm', 'add-norm', { dropout: 0.1 }, undefined, inside);
  b.edge('stack.in', 'stack.norm.in');
  b.edge('stack.norm.out', 'stack.attn.in');
  b.edge('stack.in', 'stack.add.residual');
  b.edge('stack.attn.out', 'stack.add.sublayer');
  b.edge('stack.add.out', 'stack.ffn.in');
  b.edge('stack.add.out', 'stack.addNorm.residual');
  b.edge('stack.ffn.out', 'stack.addNorm.sublayer');
  b.edge('stack.addNorm.out', 'stack.out');
  b.edge('drop.out', 'stack.in');

  b.node('gru', 'recurrent', { cell: 'gru', layers: 2, hidden: 3, dropout: 0.1 });
  b.node('forecast', 'regression-head', { horizon: 3, outputs: 2 });
  b.node('classifyFirst', 'classification-head', { classes: 3, pooling: 'first' });
  b.node('lstm', 'recurrent', { cell: 'lstm', hidden: 2, bias: false });
  b.node('classifyMean', 'classification-head', { classes: 2, pooling: 'mean' });
  b.edge('stack.out', 'gru.in');
  b.edge('gru.out', 'forecast.in');
  b.edge('stack.out', 'classifyFirst.in');
  b.edge('stack.out', 'lstm.in');
  b.edge('lstm.out', 'classifyMean.in');

  b.node('tokens', 'token-input', { vocab: 5, seqLen: 3 });
  b.node('mask', 'padding-mask', { padId: 0 });
  b.node('emb', 'token-embedding', { vocab: 5, dModel: d, scale: true });
  b.node('sines', 'positional-encoding', { kind: 'sinusoidal', maxLen: 16 });
  b.node('selfAttn', 'multi-head-attention', { heads: 2, bias: false });
  b.node('crossAttn', 'multi-head-attention', { mode: 'cross', heads: 1 });
  b.node('sharedEmb', 'token-embedding', { vocab: 5, dModel: d, scale: false, sharedWith: 'emb' });
  b.node('residual', 'add', {});
  b.node('lm', 'lm-head', { vocab: 5, tiedTo: 'emb' });
  b.node('lmUntied', 'lm-head', { vocab: 6, bias: false });
  b.node('probs', 'softmax', {});
  b.edge('tokens.out', 'mask.in');
  b.edge('tokens.out', 'emb.in');
  b.edge('emb.out', 'sines.in');
  b.edge('sines.out', 'selfAttn.in');
  b.edge('mask.out', 'selfAttn.padMask');
  b.edge('selfAttn.out', 'crossAttn.in');
  b.edge('stack.out', 'crossAttn.memory');
  b.edge('tokens.out', 'sharedEmb.in');
  b.edge('sharedEmb.out', 'residual.residual');
  b.edge('crossAttn.out', 'residual.sublayer');
  b.edge('residual.out', 'lm.in');
  b.edge('residual.out', 'lmUntied.in');
  b.edge('lm.out', 'probs.in');
  b.settings({ batchSize: 2, training: { steps: 10 } });
  return b.build();
}

/** An outer custom block ×2 holding an encoder block ×3 and a layer norm: six attention copies. */
export function nestedBlocksDesign(): DesignDocument {
  const b = new DesignBuilder();
  b.node('tokens', 'token-input', { vocab: 6, seqLen: 5 });
  b.node('emb', 'token-embedding', { vocab: 6, dModel: 8 });
  b.node('pe', 'positional-encoding', { kind: 'sinusoidal' });
  b.node('outer', 'block', { kind: 'custom', repeat: 2 });
  b.add(encoderBlockNodes({ id: 'inner', heads: 2, dFF: 8, repeat: 3, parentId: 'outer' }));
  b.node('outer.norm', 'layer-norm', {}, undefined, { parentId: 'outer' });
  b.node('head', 'lm-head', { vocab: 6 });
  b.edge('tokens.out', 'emb.in');
  b.edge('emb.out', 'pe.in');
  b.edge('pe.out', 'outer.in');
  b.edge('outer.in', 'inner.in');
  b.edge('inner.out', 'outer.norm.in');
  b.edge('outer.norm.out', 'outer.out');
  b.edge('outer.out', 'head.in');
  b.settings({ batchSize: 2 });
  return b.build();
}
