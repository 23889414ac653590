import { describe, expect, it } from 'vitest';
import { defaultParams, listNodeTypes } from '@/lib/design/catalog';
import { paramFields } from './param-fields';

describe('paramFields', () => {
  it('reads ranges, choices and switches from the catalog schema', () => {
    const fields = paramFields('multi-head-attention');
    expect(fields).toContainEqual({ kind: 'number', name: 'heads', integer: true, min: 1, max: 128 });
    expect(fields).toContainEqual({ kind: 'enum', name: 'headMerge', options: ['concat', 'mean'] });
    expect(fields).toContainEqual({ kind: 'boolean', name: 'causal' });
    expect(fields).toContainEqual({ kind: 'number', name: 'dropout', integer: false, min: 0, max: 0.9 });
    expect(paramFields('lm-head')).toContainEqual({ kind: 'node-ref', name: 'tiedTo' });
  });

  it('has a field for every param of every node type', () => {
    for (const entry of listNodeTypes()) {
      expect(paramFields(entry.type).map((f) => f.name).sort()).toEqual(Object.keys(defaultParams(entry.type)).sort());
    }
  });

  it('has none for an unknown type', () => {
    expect(paramFields('no-such-layer')).toEqual([]);
  });
});
