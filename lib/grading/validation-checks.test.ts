import { describe, expect, it } from 'vitest';
import { graded, template, withoutEdgeInto, withParams } from './testing/graded-designs.ts';
import { checkDiagnosticAbsent, checkOutputShape, checkValidates } from './validation-checks.ts';

describe('validates', () => {
  it('passes a valid template and counts its warnings', () => {
    const m = checkValidates(graded(template('tiny-transformer')));
    expect(m).toMatchObject({ passed: true, fraction: 1, measured: 0 });
    expect(m.detail).toMatch(/^no errors \(\d+ warnings?\)$/);
  });

  it('fails a design with an error and names the first one', () => {
    const m = checkValidates(graded(withParams(template('tiny-transformer'), 'encoder.selfAttn', { heads: 3 })));
    expect(m).toMatchObject({ passed: false, fraction: 0, measured: 1 });
    expect(m.detail).toContain("heads-do-not-divide-width at 'encoder.selfAttn'");
  });
});

describe('diagnostic-absent', () => {
  it('passes when the diagnostic is not reported', () => {
    expect(checkDiagnosticAbsent(graded(template('tiny-decoder-language-model')), 'future-visible')).toMatchObject({ passed: true, detail: 'no future-visible warning', measured: 0 });
  });

  it('fails and says where, when it is', () => {
    const doc = withParams(template('tiny-decoder-language-model'), 'decoder.selfAttn', { causal: false });
    const m = checkDiagnosticAbsent(graded(doc), 'future-visible');
    expect(m.passed).toBe(false);
    expect(m.detail).toContain("'decoder.selfAttn'");
    expect(m.measured).toBeGreaterThanOrEqual(1);
  });
});

describe('output-shape', () => {
  it('passes when the head has the wanted shape and says what it found', () => {
    const m = checkOutputShape(graded(template('tiny-decoder-language-model')), [16, 32, 64]);
    expect(m).toMatchObject({ passed: true, detail: "output head 'head' [16, 32, 64] ([16, 32, 64] wanted)" });
  });

  it('fails on another shape, naming the one found', () => {
    const m = checkOutputShape(graded(template('tiny-decoder-language-model')), [16, 32, 65]);
    expect(m).toMatchObject({ passed: false, detail: "output head 'head' [16, 32, 64] ([16, 32, 65] wanted)" });
  });

  it('fails a design without a head, and a head whose shape is unknown', () => {
    const doc = template('tiny-decoder-language-model');
    const headless = { ...doc, nodes: doc.nodes.filter((n) => n.id !== 'head' && n.id !== 'probabilities'), edges: doc.edges.filter((e) => e.target.node !== 'head' && e.target.node !== 'probabilities') };
    expect(checkOutputShape(graded(headless), [16, 32, 64])).toMatchObject({ passed: false, detail: 'the design has no output head ([16, 32, 64] wanted)' });
    const broken = withoutEdgeInto(doc, 'decoderNorm', 'in');
    const m = checkOutputShape(graded(broken), [16, 32, 64]);
    expect(m.passed).toBe(false);
    expect(m.detail).toContain("'head' has no shape");
  });
});
