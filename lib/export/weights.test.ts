import { describe, expect, it } from 'vitest';
import { compileDesign, type CompiledModel } from '../compile/index.ts';
import { templateDocument } from '../design/templates/index.ts';
import { decodeSafetensors } from './safetensors.ts';
import { encodeModelWeights, loadModelWeights, pytorchStateDict } from './weights.ts';

function compiled(template: string, seed?: number): CompiledModel {
  const outcome = compileDesign(templateDoc(template), seed === undefined ? {} : { seed });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.model;
}

describe('model weights as safetensors', () => {
  it('lists a tied head under its own name too, as PyTorch state_dict() does', () => {
    const model = compiled('tiny-decoder-language-model');
    const state = pytorchStateDict(model);
    expect(state['nodes.head.weight']).toBeDefined();
    expect(state['nodes.head.weight'].data).toBe(state['nodes.inputEmbedding.weight'].data);
    expect(Object.keys(state).length).toBe(Object.keys(model.stateDict()).length + 1);
  });

  it('loads into a model with other weights and makes it equal, bit for bit', () => {
    const source = compiled('tiny-decoder-language-model', 1);
    const target = compiled('tiny-decoder-language-model', 2);
    const file = encodeModelWeights(source);
    expect(decodeSafetensors(file).metadata.format).toBe('pt');
    loadModelWeights(target, file);
    expect(encodeModelWeights(target)).toEqual(file);
  });

  it('refuses the weights of another design, naming the keys', () => {
    const file = encodeModelWeights(compiled('tiny-decoder-language-model'));
    expect(() => loadModelWeights(compiled('tiny-encoder-classifier'), file)).toThrow(/missing keys: .*unexpected keys/);
  });
});

function templateDoc(name: string) {
  const t = templateDocument(name);
  if (!t.ok) throw new Error(t.message);
  return t.doc;
}
