import type { BlockParams } from '../design/catalog/block.ts';
import type { Diagnostic } from '../design/diagnostics.ts';
import type { DesignDocument, DesignNode } from '../design/document.ts';
import { validateDesign } from '../design/validate.ts';
import { capsRefusal, DEFAULT_RUN_CAPS, type RunCaps } from './caps.ts';
import { CompiledModel } from './compiled-model.ts';
import { countDesign } from './count.ts';

/** Why a design was not compiled: a code for programs, a sentence for people. */
export interface CompileRefusal {
  ok: false;
  code: 'invalid-design' | 'too-large' | 'unsupported';
  message: string;
  diagnostics?: Diagnostic[];
}

/** A compiled model, or why there is none. */
export type CompileOutcome = { ok: true; model: CompiledModel } | CompileRefusal;

/** Seed (default: the document's settings.seed) and caps (default DEFAULT_RUN_CAPS, per field). */
export interface CompileOptions {
  seed?: number;
  caps?: Partial<RunCaps>;
}

/**
 * Compiles a design into a runnable model: validates it, refuses it when its
 * counted parameters or largest tensor exceed the caps (before a single
 * weight is allocated), then builds one lib/nn module per node from seeded
 * streams (same seed ⇒ same weights).
 */
export function compileDesign(doc: DesignDocument, options: CompileOptions = {}): CompileOutcome {
  const validation = validateDesign(doc);
  if (!validation.ok) {
    const errors = validation.diagnostics.filter((d) => d.severity === 'error');
    const count = errors.length === 1 ? 'an error' : `${errors.length} errors`;
    return {
      ok: false,
      code: 'invalid-design',
      message: `This design has ${count} to fix before it can run: ${errors[0].message}`,
      diagnostics: validation.diagnostics,
    };
  }
  const cost = countDesign(doc, validation);
  const tooLarge = capsRefusal(doc, validation, cost, { ...DEFAULT_RUN_CAPS, ...options.caps });
  if (tooLarge) return { ok: false, code: 'too-large', message: tooLarge };
  const untied = repeatedTieTarget(doc);
  if (untied) {
    return {
      ok: false,
      code: 'unsupported',
      message: `'${untied.user}' shares the weights of '${untied.owner}', which sits in a repeated block and so has one matrix per copy. Share the weights of an embedding outside repeated blocks.`,
    };
  }
  try {
    return { ok: true, model: new CompiledModel(doc, validation, cost, options.seed ?? doc.settings.seed) };
  } catch (error) {
    // A valid design that still fails to build is our bug; the learner gets a sentence, not a stack trace.
    return { ok: false, code: 'unsupported', message: `This design could not be built: ${(error as Error).message}` };
  }
}

/** A tied or shared embedding whose owner is applied more than once (inside a block ×N), if any. */
function repeatedTieTarget(doc: DesignDocument): { user: string; owner: string } | null {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const applications = (node: DesignNode | undefined): number => {
    let count = 1;
    for (let parent = node?.parentId; parent !== undefined; parent = byId.get(parent)?.parentId) {
      count *= (byId.get(parent)?.params as BlockParams | undefined)?.repeat ?? 1;
    }
    return count;
  };
  for (const node of doc.nodes) {
    const owner = node.params.sharedWith ?? node.params.tiedTo;
    if (typeof owner === 'string' && applications(byId.get(owner)) > 1) return { user: node.id, owner };
  }
  return null;
}
