import { afterEach, describe, expect, it, vi } from 'vitest';
import { DesignBuilder } from '../design/builder.ts';
import { Module } from '../nn/index.ts';
import { compileDesign } from './compile.ts';
import { runSample } from './run.ts';
import { template } from './testing/designs.ts';

/** Module's registration hooks: every parameter and submodule of every layer passes through them. */
type Registering = { registerParameter(...args: unknown[]): unknown; registerModule(...args: unknown[]): unknown };

describe('too large', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the paper\'s base model is refused from its counts, before any module or weight exists', () => {
    const prototype = Module.prototype as unknown as Registering;
    const parameters = vi.spyOn(prototype, 'registerParameter');
    const modules = vi.spyOn(prototype, 'registerModule');
    const outcome = compileDesign(template('attention-is-all-you-need'));
    expect(outcome).toEqual({
      ok: false,
      code: 'too-large',
      message:
        'This design has 63.1M parameters; running is limited to 5.0M. Try a tiny template, or make d_model, d_ff, the vocabulary or the number of layers smaller.',
    });
    expect(runSample(template('pre-ln-transformer'))).toMatchObject({ ok: false, code: 'too-large' });
    expect(parameters).not.toHaveBeenCalled();
    expect(modules).not.toHaveBeenCalled();
  });

  it('the spy does see registrations when a model is built (so the test above can fail)', () => {
    const parameters = vi.spyOn(Module.prototype as unknown as Registering, 'registerParameter');
    expect(compileDesign(template('tiny-lstm-baseline')).ok).toBe(true);
    expect(parameters).toHaveBeenCalled();
  });

  it('the caps are configurable: a lower parameter cap refuses a tiny model', () => {
    const outcome = compileDesign(template('tiny-encoder-classifier'), { caps: { maxParams: 1000 } });
    expect(outcome).toMatchObject({ ok: false, code: 'too-large' });
    if (!outcome.ok) expect(outcome.message).toMatch(/^This design has 9,122 parameters; running is limited to 1,000\./);
  });

  it('the largest tensor is checked from the inferred shapes, naming it', () => {
    const outcome = compileDesign(template('tiny-decoder-language-model'), { caps: { maxElements: 50_000 } });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe('too-large');
    expect(outcome.message).toContain("the attention weights of 'decoder.selfAttn' [16, 4, 32, 32], holds 65,536 numbers");
    expect(outcome.message).toContain('limited to 50,000');
  });

  it('an optional FLOPs cap refuses slow designs', () => {
    const outcome = compileDesign(template('tiny-transformer'), { caps: { maxFlops: 1e6 } });
    expect(outcome).toMatchObject({ ok: false, code: 'too-large' });
    if (!outcome.ok) expect(outcome.message).toMatch(/^One forward pass of this design costs 9\.4M FLOPs; running is limited to 1\.0M\./);
  });
});

describe('invalid and unsupported designs', () => {
  it('an invalid design returns its diagnostics, not a model', () => {
    const doc = template('tiny-encoder-classifier');
    doc.nodes.find((n) => n.id === 'encoder.selfAttn')!.params.heads = 3;
    const outcome = compileDesign(doc);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe('invalid-design');
    expect(outcome.message).toBe('This design has an error to fix before it can run: Width 32 cannot be split into 3 equal heads.');
    expect(outcome.diagnostics?.map((d) => d.code)).toContain('heads-do-not-divide-width');
    expect(runSample(doc)).toMatchObject({ ok: false, code: 'invalid-design' });
  });

  it('a design with several errors says how many', () => {
    const doc = template('tiny-transformer');
    doc.edges = doc.edges.filter((e) => e.target.node !== 'head' && e.target.node !== 'decoder');
    const outcome = compileDesign(doc);
    expect(outcome).toMatchObject({ ok: false, code: 'invalid-design' });
    if (!outcome.ok) expect(outcome.message).toMatch(/^This design has \d+ errors to fix before it can run: /);
  });

  it('tying to an embedding that a repeated block applies several times is refused with a reason', () => {
    const b = new DesignBuilder();
    b.node('tokens', 'token-input', { vocab: 8, seqLen: 4 });
    b.node('emb', 'token-embedding', { vocab: 8, dModel: 8 });
    b.node('pe', 'positional-encoding');
    b.node('loop', 'block', { kind: 'custom', repeat: 2 });
    b.node('loop.tokens', 'token-input', { vocab: 8, seqLen: 4 }, undefined, { parentId: 'loop' });
    b.node('loop.emb', 'token-embedding', { vocab: 8, dModel: 8 }, undefined, { parentId: 'loop' });
    b.node('loop.add', 'add', {}, undefined, { parentId: 'loop' });
    b.node('head', 'lm-head', { vocab: 8, tiedTo: 'loop.emb' });
    b.edge('tokens.out', 'emb.in');
    b.edge('emb.out', 'pe.in');
    b.edge('pe.out', 'loop.in');
    b.edge('loop.tokens.out', 'loop.emb.in');
    b.edge('loop.in', 'loop.add.residual');
    b.edge('loop.emb.out', 'loop.add.sublayer');
    b.edge('loop.add.out', 'loop.out');
    b.edge('loop.out', 'head.in');
    const outcome = compileDesign(b.build());
    expect(outcome).toMatchObject({ ok: false, code: 'unsupported' });
    if (!outcome.ok) expect(outcome.message).toContain("'head' shares the weights of 'loop.emb', which sits in a repeated block");
  });
});
