import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { listTemplates, templateDocument, type DesignDocument } from '../../lib/design/index.ts';
import { main } from './main.ts';
import { captureIo } from './testing.ts';

function template(name: string): DesignDocument {
  const result = templateDocument(name);
  if (!result.ok) throw new Error(result.message);
  return result.doc;
}

async function cli(argv: string[], files: Record<string, string> = {}, options: { color?: boolean } = {}) {
  const io = captureIo(files, options);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

/** The tiny encoder–decoder with its encoder's self-attention split into 3 heads (32 is not divisible by 3). */
function brokenHeads(): string {
  const doc = template('tiny-transformer');
  const attention = doc.nodes.find((n) => n.id === 'encoder.selfAttn');
  if (!attention) throw new Error('template changed: no encoder.selfAttn');
  attention.params.heads = 3;
  return JSON.stringify(doc, null, 2);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'multihead-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('validate', () => {
  it.each(listTemplates().map((t) => t.name))('exits 0 on the %s template written to a file', async (name) => {
    const file = join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify(template(name), null, 2));
    const { code, out, err } = await cli(['validate', file]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`✓ ${file}: valid`);
    expect(out).toMatch(/parameters\s+[\d,]+ \(/);
  });

  it('round-trips `template show` into `validate`', async () => {
    const shown = await cli(['template', 'show', 'tiny-transformer']);
    expect(shown.code).toBe(0);
    const { code, out } = await cli(['validate', 't.json'], { 't.json': shown.out });
    expect(code).toBe(0);
    expect(out).toContain('encoder.selfAttn');
    expect(out).toContain('[16, 12, 32]');
    expect(out).toContain('21,904');
  });

  it('counts the paper\'s base model, ~63M parameters', async () => {
    const { code, out } = await cli(['validate', 'p.json'], { 'p.json': JSON.stringify(template('attention-is-all-you-need')) });
    expect(code).toBe(0);
    expect(out).toMatch(/parameters\s+63,\d{3},\d{3} \(63\.1M\)/);
  });

  it('exits 1 with the diagnostic code, the node and the hint on a broken design', async () => {
    const { code, out, err } = await cli(['validate', 't.json'], { 't.json': brokenHeads() });
    expect(code).toBe(1);
    expect(err).toBe('');
    expect(out).toMatch(/error\s+heads-do-not-divide-width\s+encoder\.selfAttn/);
    expect(out).toContain('hint: ');
    expect(out.trimEnd().split('\n').at(-1)).toBe('✗ t.json: 1 error');
  });

  it('prints the node label with a diagnostic', async () => {
    const doc = template('tiny-transformer');
    const attention = doc.nodes.find((n) => n.id === 'encoder.selfAttn')!;
    attention.params.heads = 3;
    attention.label = 'Split me';
    const { out } = await cli(['validate', 't.json'], { 't.json': JSON.stringify(doc) });
    expect(out).toMatch(/heads-do-not-divide-width\s+encoder\.selfAttn "Split me"/);
  });

  it('exits 0 with warnings listed', async () => {
    const doc = template('tiny-decoder-language-model');
    for (const node of doc.nodes) if (node.type === 'multi-head-attention') node.params.causal = false;
    const { code, out } = await cli(['validate', 'w.json'], { 'w.json': JSON.stringify(doc) });
    expect(code).toBe(0);
    expect(out).toMatch(/warning\s+future-visible/);
    expect(out).toMatch(/✓ w\.json: valid \(\d+ warnings?\)/);
  });

  it('--json prints one parsable object with diagnostics, shapes and params', async () => {
    const { code, out } = await cli(['validate', '--json', 't.json'], { 't.json': brokenHeads() });
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.valid).toBe(false);
    expect(report.summary.errors).toBe(1);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'heads-do-not-divide-width', nodeId: 'encoder.selfAttn' }));
    expect(report.shapes.nodes.srcEmbedding.outputs.out).toEqual({ kind: 'sequence', shape: [16, 12, 32] });
    expect(report.params.nodes.srcEmbedding).toBe(16 * 32);
    expect(typeof report.params.total).toBe('number');
    expect(report.flops.total).toBeGreaterThan(0);
  });

  it('--json on a valid design reports valid and the total', async () => {
    const { code, out } = await cli(['validate', 't.json', '--json'], { 't.json': JSON.stringify(template('tiny-transformer')) });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ file: 't.json', valid: true, params: { total: 21_904 } });
  });

  it('colours only when asked to', async () => {
    const files = { 't.json': brokenHeads() };
    expect((await cli(['validate', 't.json'], files)).out).not.toContain('\x1b[');
    expect((await cli(['validate', 't.json'], files, { color: true })).out).toContain('\x1b[31m');
  });

  it('lists every node of a design with a cycle, with unknown shapes marked', async () => {
    const doc = template('tiny-decoder-language-model');
    const first = doc.nodes.find((n) => n.type === 'token-embedding')!;
    const last = doc.nodes.find((n) => n.type === 'lm-head')!;
    const into = doc.edges.find((e) => e.target.node === first.id)!;
    into.source = { node: last.id, port: 'out' };
    const { code, out } = await cli(['validate', 'c.json'], { 'c.json': JSON.stringify(doc) });
    expect(code).toBe(1);
    expect(out).toMatch(/error\s+cycle/);
    for (const node of doc.nodes) expect(out).toMatch(new RegExp(`^ +${node.id.replace(/\./g, '\\.')} `, 'm'));
    expect(out).toMatch(/not counted \(shapes unknown\): /);
  });
});

describe('files that are not designs: exit 2 with the file and where', () => {
  it('names the line and column of malformed JSON', async () => {
    const text = '{\n  "formatVersion": 1,\n  "nodes": [\n    {"id": "a" "type": "token-input"}\n  ]\n}';
    const { code, out, err } = await cli(['validate', 'bad.json'], { 'bad.json': text });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("bad.json: line 4, column 16: not valid JSON: expected ',' or '}' after a property value, found '\"'\n");
  });

  it('names the JSON path of an unknown node type', async () => {
    const doc = template('tiny-transformer');
    doc.nodes[3].type = 'flux-capacitor';
    const { code, err } = await cli(['validate', 't.json'], { 't.json': JSON.stringify(doc) });
    expect(code).toBe(2);
    expect(err).toMatch(/^t\.json: \$\.nodes\[3\]\.type: .*unknown type 'flux-capacitor'\n$/);
  });

  it('names the JSON path of a parameter out of range', async () => {
    const doc = template('tiny-transformer');
    const index = doc.nodes.findIndex((n) => n.id === 'encoder.selfAttn');
    doc.nodes[index].params.heads = 0;
    const { code, err } = await cli(['validate', 't.json'], { 't.json': JSON.stringify(doc) });
    expect(code).toBe(2);
    expect(err.startsWith(`t.json: $.nodes[${index}].params.heads: `)).toBe(true);
  });

  it('refuses absurd sizes with their path', async () => {
    const doc = template('tiny-transformer');
    doc.nodes[0].params.seqLen = 1e12;
    const { code, err } = await cli(['validate', 't.json'], { 't.json': JSON.stringify(doc) });
    expect(code).toBe(2);
    expect(err).toMatch(/^t\.json: \$\.nodes\[0\]\.params\.seqLen: /);
  });

  it('says when JSON is not a design at all', async () => {
    const { code, err } = await cli(['validate', 'a.json'], { 'a.json': '[1, 2, 3]' });
    expect(code).toBe(2);
    expect(err).toMatch(/^a\.json: \$/);
    expect(err.split('\n')).toHaveLength(2);
  });

  it('with --json also prints the error as JSON', async () => {
    const doc = template('tiny-transformer');
    doc.nodes[3].type = 'flux-capacitor';
    const { code, out } = await cli(['validate', '--json', 't.json'], { 't.json': JSON.stringify(doc) });
    expect(code).toBe(2);
    expect(JSON.parse(out)).toMatchObject({ file: 't.json', valid: false, error: { code: 'unknown-node-type', path: '$.nodes[3].type' } });
  });

  it('reports a missing file', async () => {
    const file = join(dir, 'missing.json');
    const { code, err } = await cli(['validate', file]);
    expect(code).toBe(2);
    expect(err).toBe(`${file}: no such file\n`);
  });

  it('reports a directory', async () => {
    const { code, err } = await cli(['validate', dir]);
    expect(code).toBe(2);
    expect(err).toBe(`${dir}: is a directory, not a design file\n`);
  });

  it('refuses a file over 10 MB without reading it', async () => {
    const file = join(dir, 'huge.json');
    await writeFile(file, '');
    await truncate(file, 11 * 1024 * 1024);
    const { code, err } = await cli(['validate', file]);
    expect(code).toBe(2);
    expect(err).toBe(`${file}: is 11 MB; design files are read up to 10 MB\n`);
  });

  it('reports an empty file', async () => {
    const { code, err } = await cli(['validate', 'e.json'], { 'e.json': '\n' });
    expect(code).toBe(2);
    expect(err).toBe('e.json: the file is empty; a design is a JSON document\n');
  });

  it('turns an unexpected exception into one line, without a stack trace', async () => {
    const io = captureIo();
    io.readFile = async () => {
      throw new Error('disk on fire');
    };
    const code = await main(['validate', 'x.json'], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(/^multihead: internal error: disk on fire/);
    expect(io.err).not.toMatch(/\n\s+at /);
  });
});

describe('usage', () => {
  it.each([
    [[], /no command given/, 'multihead --help'],
    [['frobnicate'], /unknown command 'frobnicate'/, 'multihead --help'],
    [['validate'], /'validate' needs a design FILE/, 'multihead help validate'],
    [['validate', 'a.json', 'b.json'], /'validate' takes one FILE, got 2/, 'multihead help validate'],
    [['validate', 'a.json', '--frob'], /unknown option '--frob'/, 'multihead help validate'],
    [['validate', 'a.json', '--seed', '3'], /--seed does not apply to 'validate'/, 'multihead help validate'],
    [['run', 'a.json', '--seed', 'abc'], /--seed takes a whole number from 0 to 4294967295, got 'abc'/, 'multihead help run'],
    [['run', 'a.json', '--seed', '4294967296'], /--seed takes a whole number/, 'multihead help run'],
    [['run', 'a.json', '--seed'], /--seed needs a value/, 'multihead help run'],
    [['template'], /'template' needs 'list' or 'show NAME'/, 'multihead help template'],
    [['template', 'show'], /'template show' takes one template NAME/, 'multihead help template'],
    [['template', 'show', 'tiny-transformer', '--json'], /--json does not apply to 'template show'/, 'multihead help template'],
    [['help', 'nope'], /no help for 'nope'/, 'multihead help help'],
  ])('%j is bad usage', async (argv, message, help) => {
    const { code, out, err } = await cli(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toContain(`Run '${help}' for usage.`);
    expect(err.split('\n')).toHaveLength(3);
  });

  it('exits 2 for an unknown template, listing the known ones', async () => {
    const { code, out, err } = await cli(['template', 'show', 'gpt-5']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^multihead: no template 'gpt-5'; known: .*tiny-transformer/);
  });

  it('prints the overview for --help, -h and help', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const { code, out } = await cli(argv);
      expect(code).toBe(0);
      expect(out).toContain('multihead validate FILE [--json]');
      expect(out).toContain('Exit status:');
    }
  });

  it('prints a command\'s page for `help run` and `run --help`', async () => {
    for (const argv of [['help', 'run'], ['run', '--help']]) {
      const { code, out } = await cli(argv);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: multihead run FILE \[--seed N\] \[--json\]/);
    }
  });

  it('prints the version from package.json', async () => {
    const { code, out } = await cli(['--version']);
    expect(code).toBe(0);
    expect(out).toBe(`multihead ${packageJson.version}\n`);
  });
});

describe('template list', () => {
  it('lists every template with its parameter count', async () => {
    const { code, out } = await cli(['template', 'list']);
    expect(code).toBe(0);
    for (const t of listTemplates()) expect(out).toContain(t.name);
    expect(out).toMatch(/attention-is-all-you-need\s+63\.1M\s+full/);
  });

  it('--json gives names, summaries and params', async () => {
    const { code, out } = await cli(['template', 'list', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(out);
    expect(list).toHaveLength(listTemplates().length);
    expect(list[0]).toMatchObject({ name: 'attention-is-all-you-need', tiny: false, params: expect.any(Number), summary: expect.any(String) });
  });
});
