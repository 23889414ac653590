/** What `validate` says about a design: diagnostics, and per node its shapes, parameters and FLOPs. */
import { countDesign, type DesignCost } from '../../lib/compile/count.ts';
import type { BlockKind, BlockParams } from '../../lib/design/catalog/index.ts';
import { validateDesign, type DesignDocument, type DesignNode, type Severity, type TensorShape, type ValidationResult } from '../../lib/design/index.ts';

/** One node as listed: in dependency order, children right after their block. */
export interface NodeRow {
  id: string;
  type: string;
  label?: string;
  parentId?: string;
  /** Nesting level: 0 at the top, 1 inside a block, … */
  depth: number;
  inputs: Record<string, TensorShape>;
  outputs: Record<string, TensorShape>;
  /** Null when the shapes are unknown (an upstream error). Inside a block: one copy. */
  params: number | null;
  flops: number | null;
  /** Blocks: their kind and how many times their inside is applied. */
  block?: { kind: BlockKind; repeat: number };
}

/** Validation, cost and the node list of one design. */
export interface DesignReport {
  validation: ValidationResult;
  cost: DesignCost;
  rows: NodeRow[];
  counts: Record<Severity, number>;
}

/** Validates and counts a design (without allocating weights) and lists its nodes in order. */
export function reportDesign(doc: DesignDocument): DesignReport {
  const validation = validateDesign(doc);
  const cost = countDesign(doc, validation);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of validation.diagnostics) counts[d.severity]++;
  return { validation, cost, rows: orderedRows(doc, validation, cost), counts };
}

function orderedRows(doc: DesignDocument, validation: ValidationResult, cost: DesignCost): NodeRow[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const childrenOf = new Map<string | undefined, DesignNode[]>();
  for (const node of doc.nodes) {
    const list = childrenOf.get(node.parentId);
    if (list) list.push(node);
    else childrenOf.set(node.parentId, [node]);
  }
  const rows: NodeRow[] = [];
  const visit = (scope: string | undefined, depth: number) => {
    const ordered = (scope === undefined ? validation.order.root : (validation.order.blocks[scope] ?? [])).map((id) => byId.get(id));
    // Nodes on a cycle have no order; they are listed after the rest of their scope.
    const listed = new Set(ordered.map((n) => n?.id));
    const rest = (childrenOf.get(scope) ?? []).filter((n) => !listed.has(n.id));
    for (const node of [...ordered, ...rest]) {
      if (!node) continue;
      const shapes = validation.nodes[node.id];
      const nodeCost = cost.nodes[node.id];
      const row: NodeRow = {
        id: node.id,
        type: node.type,
        depth,
        inputs: shapes?.inputs ?? {},
        outputs: shapes?.outputs ?? {},
        params: nodeCost?.params ?? null,
        flops: nodeCost?.flops ?? null,
      };
      if (node.label !== undefined) row.label = node.label;
      if (node.parentId !== undefined) row.parentId = node.parentId;
      if (node.type === 'block') {
        const { kind, repeat } = node.params as BlockParams;
        row.block = { kind, repeat };
      }
      rows.push(row);
      if (node.type === 'block') visit(node.id, depth + 1);
    }
  };
  visit(undefined, 0);
  return rows;
}
