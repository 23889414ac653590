import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogEntry, defaultParams, listNodeTypes, parseParams, portsOf } from './index.ts';

const REQUIRED_TYPES = [
  'token-input',
  'series-input',
  'token-embedding',
  'positional-encoding',
  'multi-head-attention',
  'add',
  'layer-norm',
  'add-norm',
  'feed-forward',
  'dropout',
  'linear',
  'softmax',
  'lm-head',
  'classification-head',
  'regression-head',
  'recurrent',
  'block',
];

const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z])/).length;

describe('catalog', () => {
  it('has every node type the issue asks for', () => {
    const types = listNodeTypes().map((e) => e.type);
    for (const type of REQUIRED_TYPES) expect(types).toContain(type);
    expect(new Set(types).size).toBe(types.length);
  });

  it.each(listNodeTypes().map((e) => e.type))('%s has a name, a palette group, 2–3 sentences of teaching and sound ports', (type) => {
    const entry = catalogEntry(type)!;
    expect(entry.displayName.length).toBeGreaterThan(2);
    expect(entry.group).toMatch(/^[a-z-]+$/);
    expect(sentences(entry.teaching), entry.teaching).toBeGreaterThanOrEqual(2);
    expect(sentences(entry.teaching), entry.teaching).toBeLessThanOrEqual(3);
    const params = defaultParams(type);
    const ports = entry.ports(params);
    expect(new Set(ports.map((p) => p.name)).size).toBe(ports.length);
    expect(ports.some((p) => p.direction === 'out')).toBe(true);
    if (entry.role !== 'input') expect(ports.some((p) => p.direction === 'in' && p.required)).toBe(true);
    for (const port of ports) if (port.direction === 'out') expect(port.required).toBeUndefined();
    // The schema is introspectable for the inspector (ranges, enums, defaults).
    expect(() => z.toJSONSchema(entry.params)).not.toThrow();
  });

  it('fills defaults and refuses out-of-range params with the param named', () => {
    expect(defaultParams('multi-head-attention')).toEqual({ mode: 'self', causal: false, heads: 4, headMerge: 'concat', dropout: 0, bias: true });
    expect(parseParams('multi-head-attention', { heads: 8 })).toMatchObject({ ok: true, params: { heads: 8, mode: 'self' } });
    const tooMany = parseParams('multi-head-attention', { heads: 0 });
    expect(tooMany).toMatchObject({ ok: false, code: 'bad-params', path: ['heads'] });
    expect(parseParams('feed-forward', { activation: 'tanh' })).toMatchObject({ ok: false, path: ['activation'] });
    expect(parseParams('dropout', { p: 1 })).toMatchObject({ ok: false, path: ['p'] });
    expect(parseParams('block', { repeat: 49 })).toMatchObject({ ok: false, path: ['repeat'] });
    expect(parseParams('linear', { outFeatures: 2.5 })).toMatchObject({ ok: false, path: ['outFeatures'] });
    expect(parseParams('linear', { bogus: 1 })).toMatchObject({ ok: false });
    expect(parseParams('warp-drive', {})).toMatchObject({ ok: false, code: 'unknown-node-type' });
  });

  it('supports the options the teaching points need', () => {
    expect(parseParams('positional-encoding', { kind: 'none' }).ok).toBe(true);
    expect(parseParams('multi-head-attention', { headMerge: 'mean', mode: 'cross', causal: true }).ok).toBe(true);
    for (const activation of ['relu', 'gelu', 'gelu_tanh', 'silu']) expect(parseParams('feed-forward', { activation }).ok).toBe(true);
    expect(parseParams('recurrent', { cell: 'gru', layers: 3, hidden: 20 }).ok).toBe(true);
    expect(parseParams('classification-head', { pooling: 'first' }).ok).toBe(true);
    expect(parseParams('token-embedding', { scale: false, sharedWith: 'other' }).ok).toBe(true);
  });

  it('cross-attention and decoder blocks get a memory port, self-attention and encoders do not', () => {
    const node = (type: string, params: Record<string, unknown>) => ({ id: 'n', type, params: { ...defaultParams(type), ...params }, position: { x: 0, y: 0 } });
    const names = (type: string, params: Record<string, unknown>) => portsOf(node(type, params)).map((p) => p.name);
    expect(names('multi-head-attention', { mode: 'self' })).toEqual(['in', 'padMask', 'out']);
    expect(names('multi-head-attention', { mode: 'cross' })).toEqual(['in', 'memory', 'padMask', 'out']);
    expect(names('block', { kind: 'encoder' })).toEqual(['in', 'out']);
    expect(names('block', { kind: 'decoder' })).toEqual(['in', 'memory', 'out']);
    const memory = portsOf(node('multi-head-attention', { mode: 'cross' })).find((p) => p.name === 'memory')!;
    expect(memory).toMatchObject({ kind: 'memory', accepts: ['sequence'], required: true });
  });
});
