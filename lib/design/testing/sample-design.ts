import { decoderBlockNodes, encoderBlockNodes } from '../blocks.ts';
import { DesignBuilder } from '../builder.ts';
import type { DesignDocument } from '../document.ts';

/**
 * A small encoder–decoder with every kind of element an op can touch: top-level
 * layers, an encoder block (×2) and a decoder block reading memory, two
 * spare layer norms with a free input and a free output, and comments.
 */
export function sampleDesign(): DesignDocument {
  const b = new DesignBuilder();
  b.node('tokens', 'token-input', { vocab: 20, seqLen: 6 }, { x: 0, y: 0 });
  b.node('emb', 'token-embedding', { vocab: 20, dModel: 16 }, { x: 240, y: 0 });
  b.node('pe', 'positional-encoding', {}, { x: 480, y: 0 });
  b.add(encoderBlockNodes({ id: 'enc', heads: 2, dFF: 32, repeat: 2, position: { x: 720, y: 0 } }));
  b.node('tgt', 'token-input', { vocab: 20, seqLen: 5 }, { x: 0, y: 400 });
  b.node('temb', 'token-embedding', { vocab: 20, dModel: 16, sharedWith: 'emb' }, { x: 240, y: 400 });
  b.node('tpe', 'positional-encoding', {}, { x: 480, y: 400 });
  b.add(decoderBlockNodes({ id: 'dec', heads: 2, dFF: 32, position: { x: 1700, y: 400 } }));
  b.node('head', 'lm-head', { vocab: 20, tiedTo: 'emb' }, { x: 2900, y: 400 });
  b.node('probs', 'softmax', {}, { x: 3140, y: 400 });
  b.node('spare', 'layer-norm', {}, { x: 3140, y: 0 }, { label: 'Spare' });
  b.node('spare2', 'layer-norm', {}, { x: 3380, y: 0 });
  b.edge('tokens.out', 'emb.in', 'e-tokens');
  b.edge('emb.out', 'pe.in', 'e-emb');
  b.edge('pe.out', 'enc.in', 'e-enc');
  b.edge('tgt.out', 'temb.in', 'e-tgt');
  b.edge('temb.out', 'tpe.in', 'e-temb');
  b.edge('tpe.out', 'dec.in', 'e-dec');
  b.edge('enc.out', 'dec.memory', 'e-memory');
  b.edge('dec.out', 'head.in', 'e-head');
  b.edge('head.out', 'probs.in', 'e-probs');
  b.edge('spare.out', 'spare2.in', 'e-spare');
  const doc = b.build();
  doc.comments = [
    {
      id: 'c1',
      nodeId: 'emb',
      author: 'ada',
      text: 'Why scale by √d?',
      at: '2025-01-01T10:00:00Z',
      resolved: false,
      replies: [{ id: 'r1', author: 'alan', text: 'So positions do not drown it.', at: '2025-01-01T10:05:00Z' }],
    },
    { id: 'c2', nodeId: null, author: 'ada', text: 'Try pre-LN next.', at: '2025-01-01T11:00:00Z', resolved: false, replies: [] },
  ];
  return doc;
}
