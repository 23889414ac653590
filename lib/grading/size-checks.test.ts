import { describe, expect, it } from 'vitest';
import { encoderBlockNodes } from '../design/blocks.ts';
import { DesignBuilder } from '../design/builder.ts';
import { checkNodeCount, checkParameterCount, countNodeType } from './size-checks.ts';
import { graded, template, withoutEdgeInto } from './testing/graded-designs.ts';

/** An encoder ×3 collapsed to one node: one attention on the canvas, three in the model. */
function stackedEncoder() {
  const b = new DesignBuilder();
  b.node('tokens', 'token-input', { vocab: 16, seqLen: 8 });
  b.node('emb', 'token-embedding', { vocab: 16, dModel: 8 });
  b.node('pe', 'positional-encoding', {});
  b.add(encoderBlockNodes({ id: 'enc', heads: 2, dFF: 16, repeat: 3, collapsed: true }));
  b.node('head', 'classification-head', { classes: 2 });
  b.edge('tokens.out', 'emb.in');
  b.edge('emb.out', 'pe.in');
  b.edge('pe.out', 'enc.in');
  b.edge('enc.out', 'head.in');
  return b.build();
}

describe('node-count', () => {
  it('counts nodes inside a collapsed block once per repeat', () => {
    expect(countNodeType(stackedEncoder(), 'multi-head-attention')).toEqual({ inModel: 3, onCanvas: 1 });
    const m = checkNodeCount(graded(stackedEncoder()), 'multi-head-attention', { min: 2 });
    expect(m).toMatchObject({ passed: true, measured: 3, detail: '3 multi-head attentions from 1 node with block repeats (at least 2 wanted)' });
  });

  it('fails above the maximum and below the minimum', () => {
    expect(checkNodeCount(graded(stackedEncoder()), 'multi-head-attention', { max: 2 })).toMatchObject({ passed: false, measured: 3 });
    const m = checkNodeCount(graded(template('tiny-transformer')), 'multi-head-attention', { min: 4, max: 6 });
    expect(m).toMatchObject({ passed: false, measured: 3, detail: '3 multi-head attentions (between 4 and 6 wanted)' });
  });

  it('says so when the type is not in the catalog', () => {
    const m = checkNodeCount(graded(template('tiny-transformer')), 'attention', { min: 1 });
    expect(m.passed).toBe(false);
    expect(m.detail).toBe("0 'attention's (at least 1 wanted; 'attention' is not a node type of the catalog)");
  });
});

describe('parameter-count', () => {
  it('passes within the range with the exact count', () => {
    expect(checkParameterCount(graded(template('tiny-transformer')), { min: 20_000, max: 22_000 })).toMatchObject({
      passed: true,
      measured: 21_904,
      detail: '21,904 parameters (between 20,000 and 22,000 wanted)',
    });
  });

  it('fails outside it', () => {
    expect(checkParameterCount(graded(template('tiny-transformer')), { max: 20_000 })).toMatchObject({ passed: false, measured: 21_904 });
  });

  it('fails when shapes are unknown because of errors', () => {
    const m = checkParameterCount(graded(withoutEdgeInto(template('tiny-transformer'), 'decoder', 'in')), { min: 1 });
    expect(m.passed).toBe(false);
    expect(m.detail).toMatch(/^cannot count the parameters/);
    expect(m.measured).toBeUndefined();
  });
});
