import type { CompiledModel } from '../compile/index.ts';
import type { StateDict } from '../nn/index.ts';
import { decodeSafetensors, encodeSafetensors, type SafetensorsTensor } from './safetensors.ts';

/**
 * A compiled model's weights as PyTorch's `state_dict()` of the exported
 * module names them. Our model lists a tied matrix once, under its owner
 * (see lib/compile/naming.ts); PyTorch's state_dict lists it under every
 * module holding it, so each tied head or shared embedding adds an alias key.
 */

/** Alias key → owner key, for every module that holds a borrowed embedding matrix. */
export function tiedWeightAliases(model: CompiledModel): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const node of model.doc.nodes) {
    const owner = node.type === 'token-embedding' ? node.params.sharedWith : node.type === 'lm-head' ? node.params.tiedTo : null;
    if (typeof owner !== 'string') continue;
    const ownerPath = model.instancesOf(owner)[0]?.path;
    if (!ownerPath) continue;
    for (const instance of model.instancesOf(node.id)) aliases.set(`${instance.path}.weight`, `${ownerPath}.weight`);
  }
  return aliases;
}

/** The model's weights keyed exactly as the exported module's state_dict(), float32. */
export function pytorchStateDict(model: CompiledModel): Record<string, SafetensorsTensor> {
  const out: Record<string, SafetensorsTensor> = {};
  for (const [name, p] of Object.entries(model.stateDict())) out[name] = { dtype: 'F32', shape: p.shape, data: p.data };
  for (const [alias, owner] of tiedWeightAliases(model)) out[alias] = out[owner];
  return out;
}

/** The model's weights as a safetensors file (PyTorch names, `format: pt` metadata as torch writers do). */
export function encodeModelWeights(model: CompiledModel, metadata: Record<string, string> = {}): Uint8Array {
  return encodeSafetensors(pytorchStateDict(model), { format: 'pt', ...metadata });
}

/**
 * Loads a safetensors file (ours or one saved from the exported PyTorch
 * module) into the model. Throws one sentence naming the first missing,
 * unexpected or misshapen key; the model is untouched when it throws.
 */
export function loadModelWeights(model: CompiledModel, bytes: Uint8Array): void {
  const { tensors } = decodeSafetensors(bytes);
  const aliases = tiedWeightAliases(model);
  const state: StateDict = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (aliases.has(name)) continue;
    if (t.dtype !== 'F32') throw new Error(`'${name}' is ${t.dtype}; weights are float32 (F32)`);
    state[name] = { shape: t.shape, data: t.data as Float32Array };
  }
  model.loadStateDict(state);
}
