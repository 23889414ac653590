import type { DesignDocument, DesignEdge, DesignNode } from '../design/document.ts';
import { portKey } from '../design/graph.ts';
import { plural, verdict, type GradedDesign, type Measurement } from './check.ts';

/** Where a residual sum has its layer norm: before the sublayer, after the sum, or nowhere. */
export type ResidualNormOrder = 'pre-ln' | 'post-ln' | 'none';

const ORDER_NAMES: Record<ResidualNormOrder, string> = { 'pre-ln': 'pre-LN', 'post-ln': 'post-LN', none: 'without a layer norm' };

/**
 * The norm order of every residual sum (Add and Add & Norm nodes, inside
 * blocks too). Add & Norm is post-LN by definition. An Add is pre-LN when its
 * sublayer path starts with a layer norm reading the same value as its skip
 * path, x + Sublayer(LayerNorm(x)); post-LN when a layer norm reads the sum,
 * LayerNorm(x + Sublayer(x)). Pre-LN is checked first, because a pre-LN
 * stack's final layer norm reads its last sum.
 */
export function residualNormOrders(doc: DesignDocument): Map<string, ResidualNormOrder> {
  const byTarget = new Map<string, DesignEdge>();
  const bySourceNode = new Map<string, DesignEdge[]>();
  const byTargetNode = new Map<string, DesignEdge[]>();
  for (const e of doc.edges) {
    byTarget.set(portKey(e.target), e);
    bySourceNode.set(e.source.node, [...(bySourceNode.get(e.source.node) ?? []), e]);
    byTargetNode.set(e.target.node, [...(byTargetNode.get(e.target.node) ?? []), e]);
  }
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const orders = new Map<string, ResidualNormOrder>();
  for (const node of doc.nodes) {
    if (node.type === 'add-norm') orders.set(node.id, 'post-ln');
    if (node.type !== 'add') continue;
    const skip = byTarget.get(portKey({ node: node.id, port: 'residual' }));
    const sublayer = byTarget.get(portKey({ node: node.id, port: 'sublayer' }));
    if (skip && sublayer && normsBeforeSublayer(skip, sublayer, byId, byTargetNode)) orders.set(node.id, 'pre-ln');
    else if ((bySourceNode.get(node.id) ?? []).some((e) => byId.get(e.target.node)?.type === 'layer-norm')) orders.set(node.id, 'post-ln');
    else orders.set(node.id, 'none');
  }
  return orders;
}

/** A layer norm on the sublayer path (walking back from the sum, no further than the skip path's source) reads the skip path's value. */
function normsBeforeSublayer(skip: DesignEdge, sublayer: DesignEdge, byId: ReadonlyMap<string, DesignNode>, byTargetNode: ReadonlyMap<string, DesignEdge[]>): boolean {
  const skipSource = portKey(skip.source);
  const seen = new Set<string>();
  const stack = [sublayer.source.node];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || id === skip.source.node) continue;
    seen.add(id);
    const incoming = byTargetNode.get(id) ?? [];
    if (byId.get(id)?.type === 'layer-norm' && incoming.some((e) => e.target.port === 'in' && portKey(e.source) === skipSource)) return true;
    for (const e of incoming) if (e.target.port !== 'memory') stack.push(e.source.node);
  }
  return false;
}

/** Every residual sum puts its norm in the wanted place; a design without residual sums fails. */
export function checkNormOrder(design: GradedDesign, wanted: 'pre-ln' | 'post-ln'): Measurement {
  const orders = residualNormOrders(design.doc);
  if (orders.size === 0) return verdict(false, `no residual connection (Add or Add & Norm) in the design (${ORDER_NAMES[wanted]} wanted)`, 0);
  const matching = [...orders.values()].filter((o) => o === wanted).length;
  const others = (['pre-ln', 'post-ln', 'none'] as const)
    .filter((o) => o !== wanted)
    .flatMap((o) => {
      const ids = [...orders].filter(([, order]) => order === o).map(([id]) => `'${id}'`);
      if (ids.length === 0) return [];
      return [`${ORDER_NAMES[o]}: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`];
    });
  const detail = `${matching} of ${plural(orders.size, 'residual sum')} ${ORDER_NAMES[wanted]}`;
  return verdict(matching === orders.size, others.length === 0 ? detail : `${detail}; ${others.join('; ')}`, matching);
}
