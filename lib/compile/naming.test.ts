import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../design/builder.ts';
import type { DesignNode } from '../design/document.ts';
import { compileDesign } from './compile.ts';
import { baseModuleName, scopeModuleNames } from './naming.ts';

const node = (id: string): DesignNode => ({ id, type: 'layer-norm', params: {}, position: { x: 0, y: 0 } });

describe('module names', () => {
  it('drop the block prefix and turn dots into underscores', () => {
    expect(baseModuleName('encoder.selfAttn', 'encoder')).toBe('selfAttn');
    expect(baseModuleName('encoder.selfAttn', null)).toBe('encoder_selfAttn');
    expect(baseModuleName('a.b.c', 'a')).toBe('b_c');
    expect(baseModuleName('encoderX.norm', 'encoder')).toBe('encoderX_norm');
    expect(baseModuleName('x-1:2', null)).toBe('x-1:2');
  });

  it('never shadow an nn.ModuleDict attribute or start with an underscore', () => {
    expect(baseModuleName('train', null)).toBe('train_');
    expect(baseModuleName('forward', null)).toBe('forward_');
    expect(baseModuleName('_modules', null)).toBe('n_modules');
  });

  it('stay one-to-one within a scope, in document order', () => {
    const names = scopeModuleNames([node('b.x'), node('x'), node('x_2'), node('b.y')], 'b');
    expect([...names.entries()]).toEqual([
      ['b.x', 'x'],
      ['x', 'x_2'],
      ['x_2', 'x_2_2'],
      ['b.y', 'y'],
    ]);
  });

  it('give a compiled model distinct state_dict keys for ids that differ only by dots', () => {
    const b = new DesignBuilder();
    b.node('series', 'series-input', { features: 2, seqLen: 3 });
    b.node('a.b', 'linear', { outFeatures: 4 });
    b.node('a_b', 'linear', { outFeatures: 4 });
    b.node('train', 'regression-head');
    b.edge('series.out', 'a.b.in');
    b.edge('a.b.out', 'a_b.in');
    b.edge('a_b.out', 'train.in');
    const outcome = compileDesign(b.build());
    if (!outcome.ok) throw new Error(outcome.message);
    expect(Object.keys(outcome.model.stateDict())).toEqual([
      'nodes.a_b.weight',
      'nodes.a_b.bias',
      'nodes.a_b_2.weight',
      'nodes.a_b_2.bias',
      'nodes.train_.weight',
      'nodes.train_.bias',
    ]);
  });
});
