import { zipSync, strToU8 } from 'fflate';
import type { CompiledModel } from '../../compile/index.ts';
import { modelOutputs } from '../model-outputs.ts';
import { encodeModelWeights } from '../weights.ts';
import { modelSource } from './model-source.ts';

/** What the exported weights are: the design's initial ones (from its seed) or trained ones. */
export interface ExportedWeights {
  kind: 'initial' | 'trained';
  /** One line saying where they come from, e.g. "initial weights from seed 0". */
  description: string;
}

/** The files of a PyTorch export, by name. */
export interface PytorchExportFiles {
  'model.py': string;
  'weights.safetensors': Uint8Array;
  'config.json': string;
  'README.md': string;
}

/** The exported files of a compiled model whose parameters hold the weights to ship. */
export function pytorchExportFiles(model: CompiledModel, title: string, weights: ExportedWeights): PytorchExportFiles {
  const outputs = modelOutputs(model.doc, model.validation);
  const config = {
    format: 'multihead-pytorch',
    formatVersion: 1,
    title,
    weights: { file: 'weights.safetensors', ...weights, seed: model.seed, parameters: model.numParameters() },
    inputs: model.inputs,
    outputs,
    design: model.doc,
  };
  const readme = `# ${title}

\`python model.py --check\` loads \`weights.safetensors\` (${weights.description}) and runs a random batch.
\`python model.py --input in.json --out out.json\` runs it on your inputs: ${model.inputs.map((i) => `"${i.nodeId}": ${i.kind === 'tokens' ? 'token ids [batch][seq]' : `values [batch][seq][${i.features}]`}`).join(', ')}.
In Python: \`from model import load_model; model = load_model()\` gives the \`torch.nn.Module\` (needs only \`torch\`).
`;
  return {
    'model.py': modelSource(model, title),
    'weights.safetensors': encodeModelWeights(model, { multihead: 'weights', weights: weights.kind }),
    'config.json': `${JSON.stringify(config, null, 2)}\n`,
    'README.md': readme,
  };
}

/** The export as one .zip: model.py, weights.safetensors, config.json, README.md. */
export function pytorchExportZip(model: CompiledModel, title: string, weights: ExportedWeights): Uint8Array {
  const files = pytorchExportFiles(model, title, weights);
  // A fixed date keeps the archive byte-identical for the same design and weights.
  const mtime = new Date('2026-01-01T00:00:00Z');
  return zipSync(
    {
      'model.py': [strToU8(files['model.py']), { mtime }],
      'weights.safetensors': [files['weights.safetensors'], { mtime, level: 0 }],
      'config.json': [strToU8(files['config.json']), { mtime }],
      'README.md': [strToU8(files['README.md']), { mtime }],
    },
    { level: 6 },
  );
}
