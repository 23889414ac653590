import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDesign, sampleBatch, type CompiledModel } from '../../compile/index.ts';
import { everyLayerDesign, nestedBlocksDesign, template } from '../../compile/testing/designs.ts';
import type { DesignDocument } from '../../design/document.ts';
import { noGrad, Rng } from '../../tensor/index.ts';
import { modelOutputs } from '../model-outputs.ts';
import { tensorJson } from '../model-io.ts';
import { decodeSafetensors } from '../safetensors.ts';
import { pytorchExportFiles, pytorchExportZip } from './pytorch-export.ts';

/** The first Python that runs `code` (MULTIHEAD_PYTHON, python3, Debian's /usr/bin/python3), or null. */
function findPython(code: string): string | null {
  const candidates = [process.env.MULTIHEAD_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c));
  for (const python of candidates) {
    if (spawnSync(python, ['-c', code], { stdio: 'ignore', timeout: 60_000 }).status === 0) return python;
  }
  return null;
}

const python = findPython('pass');
const torchPython = findPython('import torch');

function compiled(doc: DesignDocument, seed?: number): CompiledModel {
  const outcome = compileDesign(doc, seed === undefined ? {} : { seed });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.model;
}

const work = mkdtempSync(path.join(tmpdir(), 'multihead-pytorch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function exportTo(name: string, model: CompiledModel): string {
  const dir = path.join(work, name);
  const files = unzipSync(pytorchExportZip(model, name, { kind: 'initial', description: `initial weights from seed ${model.seed}` }));
  spawnSync('mkdir', ['-p', dir]);
  for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(dir, file), bytes);
  return dir;
}

describe('PyTorch export', () => {
  it('zips model.py, weights.safetensors, config.json and a three-line README', () => {
    const model = compiled(template('tiny-decoder-language-model'));
    const files = unzipSync(pytorchExportZip(model, 'Tiny LM', { kind: 'initial', description: 'initial weights from seed 0' }));
    expect(Object.keys(files).sort()).toEqual(['README.md', 'config.json', 'model.py', 'weights.safetensors']);
    const readme = strFromU8(files['README.md']).trim().split('\n');
    expect(readme[0]).toBe('# Tiny LM');
    expect(readme.slice(1).filter((l) => l.trim() !== '')).toHaveLength(3);
    const config = JSON.parse(strFromU8(files['config.json']));
    expect(config).toMatchObject({ format: 'multihead-pytorch', title: 'Tiny LM', outputs: ['probabilities'], weights: { kind: 'initial', seed: 0 } });
    expect(config.design).toEqual(model.doc);
    // The weights, bit for bit, under the state_dict names (the tied head under its own name too).
    const { tensors } = decodeSafetensors(files['weights.safetensors']);
    const state = model.stateDict();
    for (const [name, p] of Object.entries(state)) expect(new Uint8Array((tensors[name].data as Float32Array).buffer)).toEqual(new Uint8Array(p.data.buffer));
    expect(Object.keys(tensors).sort()).toEqual([...Object.keys(state), 'nodes.head.weight'].sort());
  });

  it('writes one ModuleDict entry per layer under the design\'s names, forward in the graph\'s order', () => {
    const source = pytorchExportFiles(compiled(template('tiny-encoder-classifier')), 'c', { kind: 'initial', description: '' })['model.py'];
    expect(source).toMatch(/self\.nodes = nn\.ModuleDict\(\{\n\s+'inputEmbedding': ScaledEmbedding\(/);
    expect(source).toContain("nn.MultiheadAttention(32, 2, dropout=0, bias=True, batch_first=True)");
    const forward = source.slice(source.indexOf('    def forward(self, inputTokens)'));
    const order = ['inputEmbedding', 'inputPositions', 'encoder', 'head', 'probabilities'].map((name) => forward.indexOf(`n['${name}']`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
  });

  it.skipIf(!python)(`generates valid Python for every kind of layer (py_compile${python ? '' : ': no python3 found, skipped'})`, () => {
    for (const [name, doc] of [['every', everyLayerDesign()], ['nested', nestedBlocksDesign()], ['paper', template('tiny-transformer')]] as const) {
      const dir = exportTo(`compile-${name}`, compiled(doc));
      const result = spawnSync(python!, ['-m', 'py_compile', path.join(dir, 'model.py')], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
  });

  const designs: [string, () => DesignDocument][] = [
    ['tiny encoder classifier', () => template('tiny-encoder-classifier')],
    ['tiny GPT-style language model (causal mask, tied head)', () => template('tiny-decoder-language-model')],
    ['tiny series forecaster', () => template('tiny-series-forecaster')],
    ['tiny encoder-decoder (shared vocabulary, cross-attention)', () => template('tiny-transformer')],
    ['every layer and option (mean heads, padding mask, GRU, LSTM, no biases)', everyLayerDesign],
    ['nested repeated blocks', nestedBlocksDesign],
  ];
  it.skipIf(!torchPython)(`runs 'python model.py --check' with torch alone${torchPython ? '' : ' (python3 with torch not found: skipped)'}`, () => {
    const dir = exportTo('check', compiled(template('tiny-decoder-language-model')));
    const result = spawnSync(torchPython!, ['model.py', '--check'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('probabilities: [2, 32, 64], finite: True\nok: 44160 parameters loaded\n');
  });

  describe.skipIf(!torchPython)(`the exported model reproduces the runtime's outputs to 1e-4${torchPython ? '' : ' (python3 with torch not found: skipped)'}`, () => {
    it.each(designs)('%s', (name, build) => {
      const doc = build();
      const model = compiled(doc, 7);
      const dir = exportTo(name.replace(/\W+/g, '-'), model);
      const batch = sampleBatch(doc, model.inputs, 3, new Rng(11));
      writeFileSync(path.join(dir, 'in.json'), JSON.stringify(batch.values));
      const result = spawnSync(torchPython!, ['model.py', '--input', 'in.json', '--out', 'out.json'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const theirs = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')).outputs as Record<string, { shape: number[]; data: unknown }>;
      const ours = noGrad(() => model.forward(batch.tensors, { training: false }));
      const outputs = modelOutputs(doc, model.validation);
      expect(Object.keys(theirs).sort()).toEqual([...outputs].sort());
      for (const id of outputs) {
        const mine = tensorJson(ours.outputs[id].out);
        expect(theirs[id].shape, id).toEqual(mine.shape);
        const a = (mine.data as unknown[]).flat(Infinity) as (number | null)[];
        const b = (theirs[id].data as unknown[]).flat(Infinity) as number[];
        const worst = a.reduce<number>((m, v, i) => Math.max(m, v === null ? (Number.isNaN(b[i]) || b[i] === null ? 0 : Infinity) : Math.abs(v - b[i])), 0);
        expect(worst, `${id}: largest difference`).toBeLessThan(1e-4);
      }
    });
  });
});
