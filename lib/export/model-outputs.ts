import { entryOf } from '../design/catalog/index.ts';
import type { DesignDocument } from '../design/document.ts';
import type { ValidationResult } from '../design/validate.ts';

/**
 * The model's outputs: the top-level nodes whose output feeds nothing
 * (usually the head, or the softmax after it), in execution order. This is
 * what `multihead run --out` writes and what the exported module returns.
 */
export function modelOutputs(doc: DesignDocument, validation: ValidationResult): string[] {
  const consumed = new Set(doc.edges.map((e) => e.source.node));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  return validation.order.root.filter((id) => {
    const node = byId.get(id);
    return node !== undefined && entryOf(node).role !== 'input' && !consumed.has(id);
  });
}
