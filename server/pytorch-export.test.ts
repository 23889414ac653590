import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compileDesign } from '../lib/compile/index.ts';
import { templateDocument, type DesignDocument } from '../lib/design/index.ts';
import { encodeModelWeights } from '../lib/export/index.ts';
import { designPytorchExport } from './pytorch-export.ts';

function template(name: string): DesignDocument {
  const t = templateDocument(name);
  if (!t.ok) throw new Error(t.message);
  return t.doc;
}

function weightsOf(doc: DesignDocument, seed: number): Uint8Array {
  const compiled = compileDesign(doc, { seed });
  if (!compiled.ok) throw new Error(compiled.message);
  return encodeModelWeights(compiled.model);
}

const trained = (weights: Uint8Array) => ({ jobId: 'j1', task: 'copy', steps: 50, weights, createdAt: '2026-11-25T18:00:00.000Z' });
const safetensorsData = (file: Uint8Array) => file.subarray(8 + Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true)));

describe("the editor's PyTorch export", () => {
  const doc = template('tiny-decoder-language-model');

  it('ships the latest trained weights when they fit the design', () => {
    const weights = weightsOf(doc, 42);
    const exported = designPytorchExport({ title: 'LM', doc }, trained(weights));
    if (!exported.ok) throw new Error(exported.message);
    expect(exported.weights).toEqual({ kind: 'trained', description: "trained on 'copy' for 50 steps" });
    const files = unzipSync(exported.zip);
    expect(safetensorsData(files['weights.safetensors'])).toEqual(safetensorsData(weights));
    expect(strFromU8(files['README.md'])).toContain("trained on 'copy' for 50 steps");
  });

  it("falls back to the initial weights, saying so, when the design changed since its training", () => {
    const exported = designPytorchExport({ title: 'LM', doc }, trained(weightsOf(template('tiny-encoder-classifier'), 1)));
    if (!exported.ok) throw new Error(exported.message);
    expect(exported.weights.kind).toBe('initial');
    expect(exported.weights.description).toMatch(/initial weights from seed 0; the last training's weights no longer fit/);
    expect(safetensorsData(unzipSync(exported.zip)['weights.safetensors'])).toEqual(safetensorsData(weightsOf(doc, 0)));
  });

  it('ships the initial weights of a design never trained, and refuses one that cannot be built', () => {
    const exported = designPytorchExport({ title: 'LM', doc }, null);
    expect(exported.ok && exported.weights).toEqual({ kind: 'initial', description: 'initial weights from seed 0' });
    const broken = { ...doc, edges: [] };
    expect(designPytorchExport({ title: 'LM', doc: broken }, null)).toMatchObject({ ok: false, code: 'invalid-design' });
  });
});
