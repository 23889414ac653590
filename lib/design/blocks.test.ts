import { describe, expect, it } from 'vitest';
import { decoderBlockNodes, encoderBlockNodes } from './blocks.ts';

const wiring = (part: ReturnType<typeof encoderBlockNodes>) =>
  part.edges.map((e) => `${e.source.node}.${e.source.port}→${e.target.node}.${e.target.port}`);

describe('block builders', () => {
  it('a post-LN encoder block: self-attention, add & norm, feed-forward, add & norm', () => {
    const part = encoderBlockNodes({ id: 'enc', heads: 4, dFF: 512, repeat: 6, dropout: 0.1, label: 'Encoder' });
    expect(part.nodes[0]).toMatchObject({ id: 'enc', type: 'block', label: 'Encoder', params: { kind: 'encoder', repeat: 6, collapsed: false } });
    expect(part.nodes.slice(1).map((n) => [n.id, n.type, n.parentId])).toEqual([
      ['enc.selfAttn', 'multi-head-attention', 'enc'],
      ['enc.addNorm1', 'add-norm', 'enc'],
      ['enc.ffn', 'feed-forward', 'enc'],
      ['enc.addNorm2', 'add-norm', 'enc'],
    ]);
    expect(wiring(part)).toEqual([
      'enc.in→enc.selfAttn.in',
      'enc.in→enc.addNorm1.residual',
      'enc.selfAttn.out→enc.addNorm1.sublayer',
      'enc.addNorm1.out→enc.ffn.in',
      'enc.addNorm1.out→enc.addNorm2.residual',
      'enc.ffn.out→enc.addNorm2.sublayer',
      'enc.addNorm2.out→enc.out',
    ]);
    // Dropout everywhere PyTorch's layer has it: attention weights, before each residual sum, inside the FFN.
    expect(part.nodes.find((n) => n.id === 'enc.selfAttn')!.params).toMatchObject({ dropout: 0.1, heads: 4, causal: false });
    expect(part.nodes.find((n) => n.id === 'enc.addNorm1')!.params.dropout).toBe(0.1);
    expect(part.nodes.find((n) => n.id === 'enc.ffn')!.params).toMatchObject({ dropout: 0.1, dFF: 512 });
  });

  it('a pre-LN encoder block normalises before each sublayer and adds after it', () => {
    const part = encoderBlockNodes({ id: 'enc', heads: 4, dFF: 64, normFirst: true });
    expect(wiring(part)).toEqual([
      'enc.in→enc.norm1.in',
      'enc.norm1.out→enc.selfAttn.in',
      'enc.in→enc.add1.residual',
      'enc.selfAttn.out→enc.add1.sublayer',
      'enc.add1.out→enc.norm2.in',
      'enc.norm2.out→enc.ffn.in',
      'enc.add1.out→enc.add2.residual',
      'enc.ffn.out→enc.add2.sublayer',
      'enc.add2.out→enc.out',
    ]);
  });

  it('a decoder block adds causal self-attention and cross-attention reading the block\'s memory', () => {
    const part = decoderBlockNodes({ id: 'dec', heads: 2, dFF: 64, parentId: 'outer', position: { x: 5, y: 6 } });
    expect(part.nodes[0]).toMatchObject({ params: { kind: 'decoder' }, parentId: 'outer', position: { x: 5, y: 6 } });
    expect(part.nodes.find((n) => n.id === 'dec.selfAttn')!.params).toMatchObject({ mode: 'self', causal: true });
    expect(part.nodes.find((n) => n.id === 'dec.crossAttn')!.params).toMatchObject({ mode: 'cross', causal: false });
    expect(wiring(part)).toContain('dec.memory→dec.crossAttn.memory');
    expect(part.nodes.filter((n) => n.type === 'add-norm')).toHaveLength(3);
    const gpt = decoderBlockNodes({ id: 'gpt', heads: 2, dFF: 64, cross: false });
    expect(gpt.nodes.some((n) => n.id === 'gpt.crossAttn')).toBe(false);
  });
});
