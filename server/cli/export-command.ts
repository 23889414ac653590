/** `multihead export FILE --pytorch OUT.zip [--weights W.safetensors]`. */
import { basename } from 'node:path';
import { pytorchExportZip, type ExportedWeights } from '../../lib/export/index.ts';
import { ExitCode } from './exit-code.ts';
import { compact } from './format.ts';
import type { CliIo } from './io.ts';
import { compileDesignFile, loadWeightsFile, writeOutput } from './model-files.ts';
import type { Style } from './style.ts';

/** What `export` was asked to do. */
export interface ExportOptions {
  file: string;
  pytorch: string;
  weights?: string;
  seed?: number;
}

/** Writes the PyTorch zip: 0 when written, 1 when the design cannot be built, 2 for unusable files. */
export async function exportCommand(options: ExportOptions, io: CliIo, style: Style): Promise<ExitCode> {
  const built = await compileDesignFile(options.file, io, options.seed);
  if (!built.ok) return built.code;
  const { model } = built;
  let weights: ExportedWeights = { kind: 'initial', description: `initial weights from seed ${model.seed}` };
  if (options.weights !== undefined) {
    if (!(await loadWeightsFile(model, options.weights, io))) return ExitCode.usage;
    weights = { kind: 'trained', description: `weights from ${basename(options.weights)}` };
  }
  const title = basename(options.file).replace(/(\.multihead)?\.json$/i, '');
  if (!(await writeOutput(options.pytorch, pytorchExportZip(model, title, weights), io))) return ExitCode.usage;
  io.stdout(`${style.green('✓')} ${options.pytorch}: model.py, weights.safetensors (${weights.description}, ${compact(model.numParameters())} parameters), config.json, README.md\n`);
  return ExitCode.ok;
}
