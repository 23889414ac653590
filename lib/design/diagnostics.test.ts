import { describe, expect, it } from 'vitest';
import { decoderBlockNodes, encoderBlockNodes } from './blocks.ts';
import { DesignBuilder } from './builder.ts';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SEVERITY, type DiagnosticCode } from './diagnostics.ts';
import { emptyDesignDocument, type DesignDocument } from './document.ts';
import { validateDesign } from './validate.ts';

interface TextOptions {
  vocab?: number;
  seqLen?: number;
  dModel?: number;
  positions?: 'sinusoidal' | 'learned' | 'none';
  maxLen?: number;
  prefix?: string;
}

/** tokens → embedding → positional encoding; returns the endpoint of the embedded sequence. */
function text(b: DesignBuilder, o: TextOptions = {}): string {
  const p = o.prefix ?? '';
  b.node(`${p}tokens`, 'token-input', { vocab: o.vocab ?? 50, seqLen: o.seqLen ?? 8 });
  b.node(`${p}emb`, 'token-embedding', { vocab: o.vocab ?? 50, dModel: o.dModel ?? 16 });
  b.node(`${p}pe`, 'positional-encoding', { kind: o.positions ?? 'sinusoidal', maxLen: o.maxLen ?? 512 });
  b.edge(`${p}tokens.out`, `${p}emb.in`, `${p}e-tokens`);
  b.edge(`${p}emb.out`, `${p}pe.in`, `${p}e-emb`);
  return `${p}pe.out`;
}

/** Ends a stream in a classification head, so the design has an output. */
function classify(b: DesignBuilder, from: string): DesignDocument {
  b.node('head', 'classification-head');
  b.edge(from, 'head.in', 'e-head');
  return b.build();
}

function layer(b: DesignBuilder, id: string, type: string, from: string, params: Record<string, unknown> = {}, port = 'in'): string {
  b.node(id, type, params);
  b.edge(from, `${id}.${port}`, `e-${id}`);
  return `${id}.out`;
}

/** For each code: a design that triggers it, and the node (or edge) it must be reported on. */
const CASES: Record<DiagnosticCode, () => { doc: DesignDocument; nodeId?: string; edgeId?: string; port?: string }> = {
  cycle: () => {
    const b = new DesignBuilder();
    const x = text(b);
    layer(b, 'a', 'add', x, {}, 'residual');
    layer(b, 'b', 'layer-norm', 'a.out');
    b.edge('b.out', 'a.sublayer');
    return { doc: classify(b, 'b.out'), nodeId: 'a' };
  },
  'missing-input': () => {
    const b = new DesignBuilder();
    b.node('norm', 'layer-norm');
    return { doc: classify(b, 'norm.out'), nodeId: 'norm', port: 'in' };
  },
  'duplicate-input': () => {
    const b = new DesignBuilder();
    const x = text(b);
    b.node('norm', 'layer-norm');
    b.edge(x, 'norm.in', 'first');
    b.edge('emb.out', 'norm.in', 'second');
    return { doc: classify(b, 'norm.out'), nodeId: 'norm', edgeId: 'second' };
  },
  'incompatible-ports': () => {
    const b = new DesignBuilder();
    text(b);
    return { doc: classify(b, 'tokens.out'), nodeId: 'head', edgeId: 'e-head' };
  },
  'heads-do-not-divide-width': () => {
    const b = new DesignBuilder();
    return { doc: classify(b, layer(b, 'attn', 'multi-head-attention', text(b, { dModel: 30 }), { heads: 4 })), nodeId: 'attn' };
  },
  'residual-width-mismatch': () => {
    const b = new DesignBuilder();
    const x = text(b);
    const narrow = layer(b, 'proj', 'linear', x, { outFeatures: 8 });
    layer(b, 'sum', 'add', x, {}, 'residual');
    b.edge(narrow, 'sum.sublayer');
    return { doc: classify(b, 'sum.out'), nodeId: 'sum', port: 'sublayer' };
  },
  'residual-length-mismatch': () => {
    const b = new DesignBuilder();
    const x = text(b, { seqLen: 8 });
    const y = text(b, { seqLen: 9, prefix: 'other' });
    layer(b, 'sum', 'add-norm', x, {}, 'residual');
    b.edge(y, 'sum.sublayer');
    return { doc: classify(b, 'sum.out'), nodeId: 'sum', port: 'sublayer' };
  },
  'memory-unconnected': () => {
    const b = new DesignBuilder();
    return { doc: classify(b, layer(b, 'attn', 'multi-head-attention', text(b), { mode: 'cross' })), nodeId: 'attn', port: 'memory' };
  },
  'memory-width-mismatch': () => {
    const b = new DesignBuilder();
    const memory = text(b, { dModel: 8, prefix: 'src' });
    layer(b, 'attn', 'multi-head-attention', text(b, { dModel: 16 }), { mode: 'cross' });
    b.edge(memory, 'attn.memory');
    return { doc: classify(b, 'attn.out'), nodeId: 'attn', port: 'memory' };
  },
  'mask-shape-mismatch': () => {
    const b = new DesignBuilder();
    const x = text(b, { seqLen: 8 });
    b.node('other', 'token-input', { seqLen: 9 });
    b.node('mask', 'padding-mask');
    b.edge('other.out', 'mask.in');
    layer(b, 'attn', 'multi-head-attention', x);
    b.edge('mask.out', 'attn.padMask');
    return { doc: classify(b, 'attn.out'), nodeId: 'attn', port: 'padMask' };
  },
  'token-vocab-mismatch': () => {
    const b = new DesignBuilder();
    b.node('tokens', 'token-input', { vocab: 200 });
    const x = layer(b, 'emb', 'token-embedding', 'tokens.out', { vocab: 100 });
    return { doc: classify(b, layer(b, 'pe', 'positional-encoding', x)), nodeId: 'emb', port: 'in' };
  },
  'tied-target-invalid': () => {
    const b = new DesignBuilder();
    layer(b, 'lm', 'lm-head', text(b), { vocab: 50, tiedTo: 'pe' });
    return { doc: b.build(), nodeId: 'lm' };
  },
  'tied-vocab-mismatch': () => {
    const b = new DesignBuilder();
    layer(b, 'lm', 'lm-head', text(b, { vocab: 50 }), { vocab: 60, tiedTo: 'emb' });
    return { doc: b.build(), nodeId: 'lm' };
  },
  'tied-width-mismatch': () => {
    const b = new DesignBuilder();
    const x = layer(b, 'proj', 'linear', text(b, { vocab: 50, dModel: 16 }), { outFeatures: 24 });
    layer(b, 'lm', 'lm-head', x, { vocab: 50, tiedTo: 'emb' });
    return { doc: b.build(), nodeId: 'lm' };
  },
  'seq-len-exceeds-max-len': () => {
    const b = new DesignBuilder();
    return { doc: classify(b, text(b, { seqLen: 16, positions: 'learned', maxLen: 8 })), nodeId: 'pe', port: 'in' };
  },
  'block-changes-shape': () => {
    const b = new DesignBuilder();
    const x = text(b);
    b.node('blk', 'block', { repeat: 2 });
    b.node('blk.proj', 'linear', { outFeatures: 8 }, { x: 0, y: 0 }, { parentId: 'blk' });
    b.edge(x, 'blk.in');
    b.edge('blk.in', 'blk.proj.in');
    b.edge('blk.proj.out', 'blk.out');
    return { doc: classify(b, 'blk.out'), nodeId: 'blk' };
  },
  'block-output-unconnected': () => {
    const b = new DesignBuilder();
    const x = text(b);
    b.node('blk', 'block');
    b.node('blk.norm', 'layer-norm', {}, { x: 0, y: 0 }, { parentId: 'blk' });
    b.edge(x, 'blk.in');
    b.edge('blk.in', 'blk.norm.in');
    return { doc: classify(b, 'blk.out'), nodeId: 'blk', port: 'out' };
  },
  'no-output-head': () => {
    const b = new DesignBuilder();
    layer(b, 'norm', 'layer-norm', text(b));
    return { doc: b.build() };
  },
  'no-positional-information': () => {
    const b = new DesignBuilder();
    return { doc: classify(b, layer(b, 'attn', 'multi-head-attention', text(b, { positions: 'none' }))), nodeId: 'attn' };
  },
  'future-visible': () => {
    // A GPT-style model whose self-attention forgot the causal mask.
    const b = new DesignBuilder();
    const x = layer(b, 'attn', 'multi-head-attention', text(b, { vocab: 50 }), { causal: false });
    layer(b, 'lm', 'lm-head', x, { vocab: 50 });
    return { doc: b.build(), nodeId: 'attn' };
  },
  'head-merge-mean': () => {
    const b = new DesignBuilder();
    return { doc: classify(b, layer(b, 'attn', 'multi-head-attention', text(b), { headMerge: 'mean' })), nodeId: 'attn' };
  },
  'post-ln-without-warmup': () => {
    const b = new DesignBuilder();
    b.add(encoderBlockNodes({ id: 'enc', heads: 2, dFF: 32, repeat: 6 }));
    b.edge(text(b), 'enc.in');
    return { doc: classify(b, 'enc.out'), nodeId: 'enc' };
  },
  'dropout-without-training': () => {
    const b = new DesignBuilder();
    b.settings({ training: { enabled: false } });
    return { doc: classify(b, layer(b, 'drop', 'dropout', text(b), { p: 0.2 })), nodeId: 'drop' };
  },
  'large-tensor': () => {
    const b = new DesignBuilder();
    b.settings({ batchSize: 64 });
    return { doc: classify(b, layer(b, 'attn', 'multi-head-attention', text(b, { seqLen: 4096, maxLen: 4096 }), { heads: 8 })), nodeId: 'attn' };
  },
  'unused-output': () => {
    const b = new DesignBuilder();
    const x = text(b);
    layer(b, 'dangling', 'layer-norm', x);
    return { doc: classify(b, x), nodeId: 'dangling', port: 'out' };
  },
  'empty-design': () => ({ doc: emptyDesignDocument() }),
};

describe('diagnostics', () => {
  it.each(DIAGNOSTIC_CODES)('%s is triggered by its case, on the right node, with a message and a hint', (code) => {
    const { doc, nodeId, edgeId, port } = CASES[code]();
    const found = validateDesign(doc).diagnostics.filter((d) => d.code === code);
    expect(found.length).toBeGreaterThan(0);
    const [d] = found;
    expect(d.severity).toBe(DIAGNOSTIC_SEVERITY[code]);
    expect(d.nodeId).toBe(nodeId);
    if (edgeId !== undefined) expect(d.edgeId).toBe(edgeId);
    if (port !== undefined) expect(d.port).toBe(port);
    expect(d.message.length).toBeGreaterThan(10);
    expect(d.hint.length).toBeGreaterThan(10);
  });

  it('errors make a design invalid, warnings and infos do not', () => {
    expect(validateDesign(CASES['heads-do-not-divide-width']().doc).ok).toBe(false);
    expect(validateDesign(CASES['head-merge-mean']().doc).ok).toBe(true);
    expect(validateDesign(CASES['unused-output']().doc).ok).toBe(true);
  });

  it('marks only the nodes on a cycle, not those downstream of it', () => {
    const cyclic = validateDesign(CASES.cycle().doc).diagnostics.filter((d) => d.code === 'cycle');
    expect(cyclic.map((d) => d.nodeId).sort()).toEqual(['a', 'b']);
  });

  it('post-LN warm-up warning starts at 6 layers and goes away with warm-up or pre-LN', () => {
    const design = (repeat: number, normFirst: boolean, warmupSteps: number) => {
      const b = new DesignBuilder();
      b.add(encoderBlockNodes({ id: 'enc', heads: 2, dFF: 32, repeat, normFirst }));
      b.edge(text(b), 'enc.in');
      b.settings({ training: { warmupSteps } });
      return validateDesign(classify(b, 'enc.out')).diagnostics.map((d) => d.code);
    };
    expect(design(5, false, 0)).not.toContain('post-ln-without-warmup');
    expect(design(6, false, 0)).toContain('post-ln-without-warmup');
    expect(design(6, false, 4000)).not.toContain('post-ln-without-warmup');
    expect(design(12, true, 0)).not.toContain('post-ln-without-warmup');
  });

  it('warns about a decoder block whose self-attention is not causal', () => {
    const b = new DesignBuilder();
    const part = decoderBlockNodes({ id: 'dec', heads: 2, dFF: 32, cross: false });
    part.nodes.find((n) => n.id === 'dec.selfAttn')!.params.causal = false;
    b.add(part);
    b.edge(text(b), 'dec.in');
    const found = validateDesign(classify(b, 'dec.out')).diagnostics.filter((d) => d.code === 'future-visible');
    expect(found.map((d) => d.nodeId)).toEqual(['dec.selfAttn']);
  });

  it('reports a custom block reading an unconnected memory', () => {
    const b = new DesignBuilder();
    b.node('blk', 'block');
    b.node('blk.attn', 'multi-head-attention', { mode: 'cross' }, { x: 0, y: 0 }, { parentId: 'blk' });
    b.edge(text(b), 'blk.in');
    b.edge('blk.in', 'blk.attn.in');
    b.edge('blk.memory', 'blk.attn.memory');
    b.edge('blk.attn.out', 'blk.out');
    const found = validateDesign(classify(b, 'blk.out')).diagnostics.filter((d) => d.code === 'memory-unconnected');
    expect(found.map((d) => [d.nodeId, d.port])).toEqual([['blk', 'memory']]);
  });

  it('a positional encoding of kind none gives no position; a recurrence does', () => {
    const viaRecurrence = new DesignBuilder();
    const x = layer(viaRecurrence, 'lstm', 'recurrent', text(viaRecurrence, { positions: 'none' }), { hidden: 16 });
    const codes = validateDesign(classify(viaRecurrence, layer(viaRecurrence, 'attn', 'multi-head-attention', x))).diagnostics.map((d) => d.code);
    expect(codes).not.toContain('no-positional-information');
  });
});
