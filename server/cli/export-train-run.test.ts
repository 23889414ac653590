import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDesign } from '../../lib/compile/index.ts';
import { templateDocument, type DesignDocument } from '../../lib/design/index.ts';
import { encodeModelWeights, loadModelWeights } from '../../lib/export/index.ts';
import { intTensor, noGrad } from '../../lib/tensor/index.ts';
import { main } from './main.ts';
import { captureIo } from './testing.ts';

function template(name: string): DesignDocument {
  const result = templateDocument(name);
  if (!result.ok) throw new Error(result.message);
  return result.doc;
}

async function cli(argv: string[], options: { interactive?: boolean } = {}) {
  const io = captureIo({}, options);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

function model(doc: DesignDocument, seed?: number) {
  const compiled = compileDesign(doc, seed === undefined ? {} : { seed });
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.model;
}

let dir: string;
let lm: string;
const lmDoc = template('tiny-decoder-language-model');
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'multihead-cli-export-'));
  lm = join(dir, 'lm.json');
  await writeFile(lm, JSON.stringify(lmDoc));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('multihead train', () => {
  it('writes JSON lines when piped, and weights that load into the design; the same seed gives the same weights', async () => {
    const out = join(dir, 'trained.safetensors');
    const first = await cli(['train', lm, '--task', 'copy', '--steps', '2', '--seed', '5', '--out', out]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const events = first.out.trim().split('\n').map((line) => JSON.parse(line) as { event: string; step?: number; loss?: number });
    // Two steps: an evaluation before training and after each tenth of the run, i.e. after each step.
    expect(events.map((e) => e.event)).toEqual(['start', 'evaluation', 'step', 'evaluation', 'step', 'evaluation', 'done']);
    expect(events.filter((e) => e.event === 'step').map((e) => e.step)).toEqual([1, 2]);
    expect(events.every((e) => e.loss === undefined || Number.isFinite(e.loss))).toBe(true);
    const weights = new Uint8Array(await readFile(out));
    const trained = model(lmDoc, 5);
    loadModelWeights(trained, weights);
    // Trained weights differ from the initial ones…
    expect(encodeModelWeights(trained)).not.toEqual(encodeModelWeights(model(lmDoc, 5)));
    // …and training again with the same seed reproduces them bit for bit.
    const again = join(dir, 'again.safetensors');
    expect((await cli(['train', lm, '--task', 'copy', '--steps', '2', '--seed', '5', '--out', again])).code).toBe(0);
    expect(new Uint8Array(await readFile(again))).toEqual(weights);
  });

  it('draws a progress bar on a terminal', async () => {
    const { code, out } = await cli(['train', lm, '--task', 'copy', '--steps', '2'], { interactive: true });
    expect(code).toBe(0);
    expect(out).toMatch(/\r\[█+\] 100% {2}step 2\/2 {2}loss \d+\.\d{4}/);
    expect(out).toMatch(/✓ trained in/);
    expect(out).not.toMatch(/^\{/m);
  });

  it('refuses an unknown task (2) and a task the design cannot learn (1), naming them', async () => {
    const unknown = await cli(['train', lm, '--task', 'juggling', '--steps', '2']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no task 'juggling'; known: copy/);
    const mismatch = await cli(['train', lm, '--task', 'sine-forecasting', '--steps', '2']);
    expect(mismatch.code).toBe(1);
    expect(mismatch.err).toMatch(/cannot train on 'sine-forecasting'/);
  });

  it('needs --task and --steps', async () => {
    expect(await cli(['train', lm, '--steps', '2'])).toMatchObject({ code: 2, err: expect.stringMatching(/needs --task/) });
    expect(await cli(['train', lm, '--task', 'copy', '--steps', '0'])).toMatchObject({ code: 2, err: expect.stringMatching(/--steps takes a whole number from 1/) });
  });
});

describe('multihead run --input', () => {
  it("writes the model's outputs on the given inputs, with the given weights", async () => {
    const trained = model(lmDoc, 9);
    for (const p of trained.parameters()) p.data.forEach((v, i) => (p.data[i] = v * 0.5 + 0.01));
    const weights = join(dir, 'halved.safetensors');
    await writeFile(weights, encodeModelWeights(trained));
    const input = join(dir, 'in.json');
    await writeFile(input, JSON.stringify({ inputTokens: [[1, 2, 3], [4, 5, 6]] }));
    const out = join(dir, 'out.json');
    const { code, err } = await cli(['run', lm, '--input', input, '--weights', weights, '--out', out]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const written = JSON.parse(await readFile(out, 'utf8')) as { outputs: Record<string, { shape: number[]; data: number[][][] }> };
    expect(Object.keys(written.outputs)).toEqual(['probabilities']);
    const expected = noGrad(() => trained.forward({ inputTokens: intTensor([1, 2, 3, 4, 5, 6], [2, 3]) })).outputs.probabilities.out;
    expect(written.outputs.probabilities.shape).toEqual([2, 3, 64]);
    expect(written.outputs.probabilities.data.flat(2)).toEqual([...expected.data]);
  });

  it('points at a bad input value, and refuses weights of another design', async () => {
    const input = join(dir, 'bad.json');
    await writeFile(input, JSON.stringify({ inputTokens: [[1, 2, 99]] }));
    expect(await cli(['run', lm, '--input', input])).toMatchObject({ code: 2, err: `${input}: $.inputTokens[0][2]: 99: a token id is a whole number in [0, 64)\n` });
    const other = join(dir, 'classifier.safetensors');
    await writeFile(other, encodeModelWeights(model(template('tiny-encoder-classifier'))));
    await writeFile(join(dir, 'ok.json'), '[[1, 2]]');
    const refused = await cli(['run', lm, '--input', join(dir, 'ok.json'), '--weights', other]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/classifier\.safetensors: these weights do not fit the design: loadStateDict: missing keys/);
  });

  it('takes --weights and --out only with --input', async () => {
    expect(await cli(['run', lm, '--weights', 'w.safetensors'])).toMatchObject({ code: 2, err: expect.stringMatching(/--weights goes with --input/) });
  });
});

describe('multihead export', () => {
  it('writes the PyTorch zip with the initial weights of the design\'s seed', async () => {
    const zip = join(dir, 'lm.zip');
    const { code, out } = await cli(['export', lm, '--pytorch', zip]);
    expect(code).toBe(0);
    expect(out).toMatch(/lm\.zip: model\.py, weights\.safetensors \(initial weights from seed 0/);
    const files = unzipSync(new Uint8Array(await readFile(zip)));
    expect(strFromU8(files['model.py'])).toMatch(/^class Model\(nn\.Module\):/m);
    const reloaded = model(lmDoc, 123);
    loadModelWeights(reloaded, files['weights.safetensors']);
    expect(encodeModelWeights(reloaded)).toEqual(encodeModelWeights(model(lmDoc)));
  });

  it('ships trained weights given with --weights, and needs --pytorch', async () => {
    const weights = join(dir, 'seed3.safetensors');
    await writeFile(weights, encodeModelWeights(model(lmDoc, 3)));
    const zip = join(dir, 'trained.zip');
    expect((await cli(['export', lm, '--pytorch', zip, '--weights', weights])).code).toBe(0);
    const files = unzipSync(new Uint8Array(await readFile(zip)));
    expect(JSON.parse(strFromU8(files['config.json'])).weights).toMatchObject({ kind: 'trained', description: 'weights from seed3.safetensors' });
    expect(files['weights.safetensors'].subarray(8)).toEqual(encodeModelWeights(model(lmDoc, 3), { multihead: 'weights', weights: 'trained' }).subarray(8));
    expect(await cli(['export', lm])).toMatchObject({ code: 2, err: expect.stringMatching(/'export' needs --pytorch OUT\.zip/) });
  });
});
