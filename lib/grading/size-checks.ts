import { BLOCK_TYPE, catalogEntry, type BlockParams } from '../design/catalog/index.ts';
import type { DesignDocument, DesignNode } from '../design/document.ts';
import { plural, verdict, type GradedDesign, type Measurement } from './check.ts';

interface Bounds {
  min?: number;
  max?: number;
}

/** "at least 2", "at most 4", "between 2 and 4". */
export function boundsText({ min, max }: Bounds): string {
  const n = (v: number) => v.toLocaleString('en-US');
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${n(min)}` : `between ${n(min)} and ${n(max)}`;
  return min !== undefined ? `at least ${n(min)}` : `at most ${n(max!)}`;
}

const within = (value: number, { min, max }: Bounds) => (min === undefined || value >= min) && (max === undefined || value <= max);

/**
 * How many copies of a node the model holds: a node inside a block repeated
 * ×N exists N times (each copy with its own weights), nested blocks multiply.
 */
export function copiesOf(node: DesignNode, byId: ReadonlyMap<string, DesignNode>): number {
  let copies = 1;
  for (let parent = byId.get(node.parentId ?? ''); parent; parent = byId.get(parent.parentId ?? '')) {
    if (parent.type === BLOCK_TYPE) copies *= (parent.params as BlockParams).repeat ?? 1;
  }
  return copies;
}

/** Nodes of a type in the model, collapsed blocks' insides and repeats included; and how many sit on the canvas. */
export function countNodeType(doc: DesignDocument, type: string): { inModel: number; onCanvas: number } {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const matching = doc.nodes.filter((n) => n.type === type);
  return { inModel: matching.reduce((sum, n) => sum + copiesOf(n, byId), 0), onCanvas: matching.length };
}

/**
 * Node type X appears within bounds. Counted as the model holds it: a layer
 * in an "Encoder ×6" block counts 6 times, whether the block is collapsed or not.
 */
export function checkNodeCount(design: GradedDesign, nodeType: string, bounds: Bounds): Measurement {
  const entry = catalogEntry(nodeType);
  const name = entry ? entry.displayName.toLowerCase() : `'${nodeType}'`;
  const { inModel, onCanvas } = countNodeType(design.doc, nodeType);
  const repeats = inModel !== onCanvas ? ` from ${plural(onCanvas, 'node')} with block repeats` : '';
  const unknown = entry ? '' : `; '${nodeType}' is not a node type of the catalog`;
  return verdict(within(inModel, bounds), `${plural(inModel, name)}${repeats} (${boundsText(bounds)} wanted${unknown})`, inModel);
}

/** The parameter count (as PyTorch counts it) lies within bounds; nodes whose shapes are unknown make it fail. */
export function checkParameterCount(design: GradedDesign, bounds: Bounds): Measurement {
  const { total, uncounted } = design.cost;
  if (uncounted.length > 0) {
    return verdict(false, `cannot count the parameters: ${plural(uncounted.length, 'node')} (${uncounted.slice(0, 3).map((id) => `'${id}'`).join(', ')}) have unknown shapes because of errors (${boundsText(bounds)} wanted)`);
  }
  return verdict(within(total.params, bounds), `${plural(total.params, 'parameter')} (${boundsText(bounds)} wanted)`, total.params);
}
