import { describe, expect, it } from 'vitest';
import { DesignBuilder } from './builder.ts';
import { emptyDesignDocument, MAX_NODES } from './document.ts';
import { parseDesignDocument } from './parse.ts';

function tinyDoc() {
  const b = new DesignBuilder();
  b.node('tokens', 'token-input');
  b.node('emb', 'token-embedding');
  b.node('blk', 'block');
  b.node('blk.norm', 'layer-norm', {}, { x: 0, y: 0 }, { parentId: 'blk' });
  b.edge('tokens.out', 'emb.in');
  b.edge('emb.out', 'blk.in');
  b.edge('blk.in', 'blk.norm.in');
  b.edge('blk.norm.out', 'blk.out');
  return JSON.parse(JSON.stringify(b.build()));
}

function refusal(input: unknown) {
  const result = parseDesignDocument(input);
  if (result.ok) throw new Error('expected a refusal');
  return result;
}

describe('parseDesignDocument', () => {
  it('loads a blank canvas and the minimal snapshot the design store writes, filling in settings', () => {
    expect(parseDesignDocument(emptyDesignDocument())).toEqual({ ok: true, doc: emptyDesignDocument() });
    const stored = parseDesignDocument('{"formatVersion":1,"nodes":[],"edges":[]}');
    expect(stored).toEqual({ ok: true, doc: emptyDesignDocument() });
  });

  it('fills in default params from the catalog', () => {
    const doc = tinyDoc();
    delete doc.nodes[1].params.scale;
    const result = parseDesignDocument(doc);
    expect(result.ok && result.doc.nodes[1].params).toEqual({ vocab: 1000, dModel: 128, scale: true, sharedWith: null });
  });

  it('refuses malformed JSON with the parser\'s reason', () => {
    expect(refusal('{"formatVersion": 1,')).toMatchObject({ code: 'bad-json', path: '$' });
    expect(refusal('[]')).toMatchObject({ code: 'bad-format-version' });
  });

  it('refuses missing and future format versions', () => {
    expect(refusal({ nodes: [], edges: [] })).toMatchObject({ code: 'bad-format-version', path: '$.formatVersion' });
    expect(refusal({ formatVersion: 2, nodes: [], edges: [] }).message).toMatch(/newer than this version/);
  });

  it('names the JSON path of a malformed field', () => {
    const doc = tinyDoc();
    doc.nodes[2].position.x = 'left';
    expect(refusal(doc)).toMatchObject({ code: 'bad-document', path: '$.nodes[2].position.x' });
    const extra = tinyDoc();
    extra.edges[0].weight = 1;
    expect(refusal(extra)).toMatchObject({ code: 'bad-document', path: '$.edges[0]' });
  });

  it('refuses unknown node types and out-of-range params, naming node and param', () => {
    const unknown = tinyDoc();
    unknown.nodes[1].type = 'convolution';
    const u = refusal(unknown);
    expect(u).toMatchObject({ code: 'unknown-node-type', path: '$.nodes[1].type' });
    expect(u.message).toContain("'convolution'");
    const bad = tinyDoc();
    bad.nodes[1].params.dModel = 0;
    const b = refusal(bad);
    expect(b).toMatchObject({ code: 'bad-params', path: '$.nodes[1].params.dModel' });
    expect(b.message).toContain("node 'emb'");
    const stray = tinyDoc();
    stray.nodes[0].params.colour = 'red';
    expect(refusal(stray)).toMatchObject({ code: 'bad-params' });
  });

  it('refuses absurd sizes and strings before reading them', () => {
    const many = { formatVersion: 1, nodes: Array.from({ length: MAX_NODES + 1 }, () => ({})), edges: [] };
    expect(refusal(many)).toMatchObject({ code: 'too-large', path: '$.nodes' });
    const longId = tinyDoc();
    longId.nodes[0].id = 'x'.repeat(65);
    expect(refusal(longId)).toMatchObject({ code: 'bad-document', path: '$.nodes[0].id' });
    const badId = tinyDoc();
    badId.nodes[0].id = 'a b';
    expect(refusal(badId).message).toMatch(/letters, digits/);
    const longLabel = tinyDoc();
    longLabel.nodes[0].label = 'x'.repeat(81);
    expect(refusal(longLabel)).toMatchObject({ path: '$.nodes[0].label' });
    const huge = tinyDoc();
    huge.nodes[0].params.seqLen = 1e9;
    expect(refusal(huge)).toMatchObject({ code: 'bad-params', path: '$.nodes[0].params.seqLen' });
  });

  it('refuses broken structure: duplicate ids, unknown parents, dangling and crossing edges', () => {
    const dup = tinyDoc();
    dup.nodes[1].id = 'tokens';
    expect(refusal(dup)).toMatchObject({ code: 'duplicate-id', path: '$.nodes[1].id' });
    const orphan = tinyDoc();
    orphan.nodes[3].parentId = 'emb';
    expect(refusal(orphan)).toMatchObject({ code: 'unknown-parent', path: '$.nodes[3].parentId' });
    const dangling = tinyDoc();
    dangling.edges[0].target.node = 'ghost';
    expect(refusal(dangling)).toMatchObject({ code: 'bad-edge', path: '$.edges[0]' });
    const crossing = tinyDoc();
    crossing.edges[0].target = { node: 'blk.norm', port: 'in' };
    expect(refusal(crossing).message).toMatch(/different blocks/);
    const backwards = tinyDoc();
    backwards.edges[0] = { id: 'e1', source: { node: 'emb', port: 'in' }, target: { node: 'tokens', port: 'out' } };
    expect(refusal(backwards).message).toMatch(/connect from/);
    const badPort = tinyDoc();
    badPort.edges[0].target.port = 'memory';
    expect(refusal(badPort).message).toMatch(/no port 'memory'/);
  });

  it('refuses blocks nested deeper than 8', () => {
    const b = new DesignBuilder();
    for (let i = 0; i < 10; i++) b.node(`b${i}`, 'block', {}, { x: 0, y: 0 }, i === 0 ? {} : { parentId: `b${i - 1}` });
    expect(() => b.build()).toThrow(/nested more than 8/);
  });

  it('accepts what the validator reports rather than refuses: cycles, kinds, doubly-fed inputs', () => {
    const doc = tinyDoc();
    doc.edges.push({ id: 'twice', source: { node: 'tokens', port: 'out' }, target: { node: 'emb', port: 'in' } });
    doc.edges.push({ id: 'loop', source: { node: 'emb', port: 'out' }, target: { node: 'emb', port: 'in' } });
    expect(parseDesignDocument(doc).ok).toBe(true);
  });
});
