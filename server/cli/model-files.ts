/** What export, train and run --input share: a design file compiled into a model, weights read from a file. */
import { compileDesign, type CompiledModel } from '../../lib/compile/index.ts';
import type { DesignDocument } from '../../lib/design/document.ts';
import { loadModelWeights } from '../../lib/export/index.ts';
import { ExitCode } from './exit-code.ts';
import type { CliIo } from './io.ts';
import { readDesignFile } from './read-design.ts';

/** Largest weights file read: far above the run caps' models. */
export const MAX_WEIGHTS_BYTES = 1024 * 1024 * 1024;

/** A model, or the exit status after its problem was reported on stderr. */
export type ModelFromFile = { ok: true; doc: DesignDocument; model: CompiledModel } | { ok: false; code: ExitCode };

/** Reads and compiles a design file (seeded); a bad file exits 2, a design that cannot be built exits 1. */
export async function compileDesignFile(file: string, io: CliIo, seed?: number): Promise<ModelFromFile> {
  const read = await readDesignFile(file, io);
  if (!read.ok) {
    io.stderr(`${read.message}\n`);
    return { ok: false, code: ExitCode.usage };
  }
  const compiled = compileDesign(read.doc, seed === undefined ? {} : { seed });
  if (!compiled.ok) {
    io.stderr(`${file}: cannot build this design (${compiled.code}): ${compiled.message}\n`);
    return { ok: false, code: ExitCode.invalid };
  }
  return { ok: true, doc: read.doc, model: compiled.model };
}

/** Loads a safetensors file into the model; false after reporting why not (exit 2: a file that does not fit). */
export async function loadWeightsFile(model: CompiledModel, file: string, io: CliIo): Promise<boolean> {
  const read = await io.readBytes(file, MAX_WEIGHTS_BYTES);
  if (!read.ok) {
    io.stderr(`${file}: ${read.reason}\n`);
    return false;
  }
  try {
    loadModelWeights(model, read.bytes);
    return true;
  } catch (error) {
    io.stderr(`${file}: these weights do not fit the design: ${(error as Error).message}\n`);
    return false;
  }
}

/** Writes a file, or reports why not; true when written. */
export async function writeOutput(file: string, data: Uint8Array | string, io: CliIo): Promise<boolean> {
  const problem = await io.writeFile(file, data);
  if (problem) io.stderr(`${file}: ${problem}\n`);
  return problem === null;
}
