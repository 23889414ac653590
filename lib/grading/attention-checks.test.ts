import { describe, expect, it } from 'vitest';
import { checkCausalDecoderAttention, checkHeadsConcatenated, checkPositionalInformation } from './attention-checks.ts';
import { flatDecoder, graded, template, withParams } from './testing/graded-designs.ts';

describe('causal-decoder-attention', () => {
  it('passes a decoder block with a causal self-attention; the encoder and cross-attention are not decoder self-attentions', () => {
    expect(checkCausalDecoderAttention(graded(template('tiny-transformer')))).toMatchObject({ passed: true, measured: 1, detail: '1 of 1 decoder self-attention causally masked' });
  });

  it('fails a decoder block whose self-attention is unmasked, naming it', () => {
    const m = checkCausalDecoderAttention(graded(withParams(template('tiny-transformer'), 'decoder.selfAttn', { causal: false })));
    expect(m).toMatchObject({ passed: false, measured: 0, detail: "0 of 1 decoder self-attention causally masked; without a mask: 'decoder.selfAttn'" });
  });

  it('treats a self-attention feeding a language-model head as a decoder, without blocks', () => {
    expect(checkCausalDecoderAttention(graded(flatDecoder({ causal: true })))).toMatchObject({ passed: true, measured: 1 });
    expect(checkCausalDecoderAttention(graded(flatDecoder({ causal: false })))).toMatchObject({ passed: false, measured: 0 });
  });

  it('fails a design without any decoder self-attention', () => {
    expect(checkCausalDecoderAttention(graded(template('tiny-series-forecaster')))).toMatchObject({ passed: false, detail: expect.stringMatching(/^no decoder self-attention found/) });
  });
});

describe('positional-information', () => {
  it('passes when every attention gets positions', () => {
    expect(checkPositionalInformation(graded(template('tiny-transformer')))).toMatchObject({ passed: true, detail: 'all 3 attentions get positional information' });
  });

  it('fails when an attention reads a stream without positions', () => {
    const m = checkPositionalInformation(graded(flatDecoder({ positions: false })));
    expect(m).toMatchObject({ passed: false, detail: "1 of 1 attention get no positional information: 'attn'" });
  });

  it('passes a recurrent model without attention and fails a design with neither', () => {
    expect(checkPositionalInformation(graded(template('tiny-lstm-baseline')))).toMatchObject({ passed: true });
    const doc = template('tiny-lstm-baseline');
    const noRecurrence = { ...doc, nodes: doc.nodes.filter((n) => n.type !== 'recurrent') };
    expect(checkPositionalInformation(graded(noRecurrence))).toMatchObject({ passed: false, detail: 'no attention and no recurrent layer in the design' });
  });
});

describe('heads-concatenated', () => {
  it('passes when every attention concatenates', () => {
    expect(checkHeadsConcatenated(graded(template('tiny-transformer')))).toMatchObject({ passed: true, measured: 3 });
  });

  it('fails when one averages several heads', () => {
    const m = checkHeadsConcatenated(graded(withParams(template('tiny-transformer'), 'decoder.crossAttn', { headMerge: 'mean' })));
    expect(m).toMatchObject({ passed: false, measured: 2, detail: "heads concatenated in 2 of 3 multi-head attentions; averaged: 'decoder.crossAttn'" });
  });

  it('lets a single head "average" (it is the same thing) and fails a design without attention', () => {
    const single = withParams(flatDecoder({ headMerge: 'mean' }), 'attn', { heads: 1 });
    expect(checkHeadsConcatenated(graded(single))).toMatchObject({ passed: true });
    expect(checkHeadsConcatenated(graded(flatDecoder({ headMerge: 'mean' })))).toMatchObject({ passed: false });
    expect(checkHeadsConcatenated(graded(template('tiny-lstm-baseline')))).toMatchObject({ passed: false, detail: 'no multi-head attention in the design' });
  });
});
