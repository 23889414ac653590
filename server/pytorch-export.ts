import { compileDesign, type CompileRefusal } from '../lib/compile/index.ts';
import type { DesignState } from '../lib/design/design-state.ts';
import { loadModelWeights, pytorchExportZip, type ExportedWeights } from '../lib/export/index.ts';
import type { TrainedWeights } from './run-store.ts';

/** A design's PyTorch zip and what weights it holds, or why the design cannot be exported. */
export type DesignExport = { ok: true; zip: Uint8Array; weights: ExportedWeights } | CompileRefusal;

/**
 * The editor's PyTorch export of a design as it is now: the weights of its
 * latest finished training when they still fit the design, else its initial
 * weights from its seed (and the description says which, and why).
 */
export function designPytorchExport(state: DesignState, trained: TrainedWeights | null): DesignExport {
  const compiled = compileDesign(state.doc);
  if (!compiled.ok) return compiled;
  const { model } = compiled;
  let weights: ExportedWeights = { kind: 'initial', description: `initial weights from seed ${model.seed}` };
  if (trained) {
    try {
      loadModelWeights(model, trained.weights);
      weights = { kind: 'trained', description: `trained on '${trained.task}' for ${trained.steps} steps` };
    } catch {
      // The design changed since that training (other layers or sizes): its weights no longer fit.
      weights = { kind: 'initial', description: `initial weights from seed ${model.seed}; the last training's weights no longer fit the design` };
    }
  }
  return { ok: true, zip: pytorchExportZip(model, state.title, weights), weights };
}
