import { describe, expect, it } from 'vitest';
import { diffDesigns, matchNodes } from './design-diff.ts';
import { flatDecoder, template, withParams } from './testing/graded-designs.ts';

describe('diffDesigns', () => {
  it('finds nothing between a design and its copy', () => {
    const doc = template('tiny-transformer');
    expect(diffDesigns(doc, structuredClone(doc))).toEqual({ nodesAdded: [], nodesRemoved: [], nodesChanged: [], edgesAdded: [], edgesRemoved: [] });
  });

  it('lists changed params, before → after, by node', () => {
    const reference = template('tiny-decoder-language-model');
    const submitted = withParams(withParams(reference, 'decoder.selfAttn', { causal: false, heads: 2 }), 'decoder', { repeat: 3 });
    expect(diffDesigns(reference, submitted).nodesChanged).toEqual([
      { referenceId: 'decoder', submittedId: 'decoder', type: 'block', params: [{ param: 'repeat', before: 2, after: 3 }] },
      {
        referenceId: 'decoder.selfAttn',
        submittedId: 'decoder.selfAttn',
        type: 'multi-head-attention',
        params: [
          { param: 'causal', before: true, after: false },
          { param: 'heads', before: 4, after: 2 },
        ],
      },
    ]);
  });

  it('lists nodes and edges added and removed: a pre-LN norm inserted before the attention', () => {
    const reference = flatDecoder({ norm: 'none' });
    const submitted = flatDecoder({ norm: 'pre-ln' });
    const diff = diffDesigns(reference, submitted);
    expect(diff.nodesAdded).toEqual([
      { id: 'preNorm', type: 'layer-norm' },
      { id: 'postNorm', type: 'layer-norm' },
    ]);
    expect(diff.nodesRemoved).toEqual([]);
    expect(diff.edgesAdded).toEqual([
      { from: 'pe.out', to: 'preNorm.in' },
      { from: 'preNorm.out', to: 'attn.in' },
      { from: 'sum.out', to: 'postNorm.in' },
      { from: 'postNorm.out', to: 'head.in' },
    ]);
    expect(diff.edgesRemoved).toEqual([
      { from: 'pe.out', to: 'attn.in' },
      { from: 'sum.out', to: 'head.in' },
    ]);
    // The other way round, the same nodes are removed.
    expect(diffDesigns(submitted, reference).nodesRemoved.map((n) => n.id)).toEqual(['preNorm', 'postNorm']);
  });

  it('matches nodes with new ids by type and position, so a re-created node is a change, not an add and a remove', () => {
    const reference = flatDecoder();
    const submitted = structuredClone(reference);
    const attn = submitted.nodes.find((n) => n.id === 'attn')!;
    attn.id = 'attention-2';
    attn.params.heads = 4;
    for (const e of submitted.edges) {
      if (e.source.node === 'attn') e.source.node = 'attention-2';
      if (e.target.node === 'attn') e.target.node = 'attention-2';
    }
    expect(matchNodes(reference, submitted).get('attention-2')).toBe('attn');
    const diff = diffDesigns(reference, submitted);
    expect(diff).toMatchObject({ nodesAdded: [], nodesRemoved: [], edgesAdded: [], edgesRemoved: [] });
    expect(diff.nodesChanged).toEqual([{ referenceId: 'attn', submittedId: 'attention-2', type: 'multi-head-attention', params: [{ param: 'heads', before: 2, after: 4 }] }]);
  });

  it('pairs leftover nodes of one type in position order', () => {
    const reference = flatDecoder({ norm: 'pre-ln' });
    const submitted = structuredClone(reference);
    for (const n of submitted.nodes) if (n.type === 'layer-norm') n.id = `${n.id}-copy`;
    submitted.nodes.find((n) => n.id === 'preNorm-copy')!.position = { x: 10, y: 0 };
    submitted.nodes.find((n) => n.id === 'postNorm-copy')!.position = { x: 500, y: 0 };
    reference.nodes.find((n) => n.id === 'preNorm')!.position = { x: 0, y: 0 };
    reference.nodes.find((n) => n.id === 'postNorm')!.position = { x: 400, y: 0 };
    const matched = matchNodes(reference, submitted);
    expect(matched.get('preNorm-copy')).toBe('preNorm');
    expect(matched.get('postNorm-copy')).toBe('postNorm');
  });
});
