/** `multihead run FILE --input IN.json [--weights W.safetensors] [--out OUT.json]`: the model's outputs on given inputs. */
import { inputsFromJson, modelOutputs, tensorJson } from '../../lib/export/index.ts';
import { noGrad } from '../../lib/tensor/index.ts';
import { ExitCode } from './exit-code.ts';
import { MAX_FILE_BYTES, type CliIo } from './io.ts';
import { compileDesignFile, loadWeightsFile, writeOutput } from './model-files.ts';

/** What a run on given inputs needs. */
export interface RunInputsOptions {
  file: string;
  input: string;
  weights?: string;
  out?: string;
  seed?: number;
}

/** Runs one forward pass (eval mode) on the inputs and writes the outputs as JSON. */
export async function runInputsCommand(options: RunInputsOptions, io: CliIo): Promise<ExitCode> {
  const built = await compileDesignFile(options.file, io, options.seed);
  if (!built.ok) return built.code;
  const { model, doc } = built;
  if (options.weights !== undefined && !(await loadWeightsFile(model, options.weights, io))) return ExitCode.usage;
  const read = await io.readFile(options.input, MAX_FILE_BYTES);
  if (!read.ok) {
    io.stderr(`${options.input}: ${read.reason}\n`);
    return ExitCode.usage;
  }
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (error) {
    io.stderr(`${options.input}: not valid JSON (${(error as Error).message})\n`);
    return ExitCode.usage;
  }
  const inputs = inputsFromJson(model.inputs, value);
  if (!inputs.ok) {
    io.stderr(`${options.input}: ${inputs.path}: ${inputs.message}\n`);
    return ExitCode.usage;
  }
  let forward;
  try {
    forward = noGrad(() => model.forward(inputs.tensors, { training: false }));
  } catch (error) {
    io.stderr(`${options.input}: the model cannot run on these inputs: ${(error as Error).message}\n`);
    return ExitCode.usage;
  }
  const outputs: Record<string, unknown> = {};
  for (const id of modelOutputs(doc, model.validation)) {
    const tensor = forward.outputs[id]?.out;
    if (tensor) outputs[id] = tensorJson(tensor);
  }
  const text = `${JSON.stringify({ outputs })}\n`;
  if (options.out === undefined) {
    io.stdout(text);
    return ExitCode.ok;
  }
  return (await writeOutput(options.out, text, io)) ? ExitCode.ok : ExitCode.usage;
}
