import { Graph, layout } from '@dagrejs/dagre';
import { BLOCK_TYPE, portsOf } from './catalog/index.ts';
import type { DesignDocument, DesignNode, Position } from './document.ts';
import { indexDesign, placeEdge } from './graph.ts';

/** A node's size on the canvas, in canvas units. */
export interface NodeSize {
  width: number;
  height: number;
}

/** The width of a layer on the canvas (and of a collapsed block). */
export const LAYER_WIDTH = 180;
/**
 * Room an expanded block keeps around its inside: its title above, and at
 * the sides its port handles with the edges (and their shape labels) between
 * them and the layers inside. Children's positions are relative to the block.
 */
export const BLOCK_INSET = { left: 100, top: 60, right: 100, bottom: 30 } as const;
/** Space between layers one after the other (room for the shape label on the edge), and between layers side by side. */
const RANK_GAP = 90;
const NODE_GAP = 40;
const LARGE_SCOPE = 150;

/**
 * A layer's canvas size estimated from what it shows (title, label, a few
 * params, one row per port), for when the canvas has not measured it.
 * Errs on the tall side so estimated layouts never overlap.
 */
export function estimateNodeSize(node: DesignNode): NodeSize {
  const params = node.type === BLOCK_TYPE ? 0 : Object.values(node.params).filter((v) => v !== null && typeof v !== 'boolean').length;
  const lines = (node.label || node.type === BLOCK_TYPE ? 1 : 0) + Math.min(params, 3);
  return { width: LAYER_WIDTH, height: 36 + lines * 16 + 10 + portsOf(node).length * 18 };
}

/** Expanded blocks draw their inside; collapsed ones are one node. */
function isExpandedBlock(node: DesignNode): boolean {
  return node.type === BLOCK_TYPE && node.params.collapsed !== true;
}

/**
 * New positions for every node: each scope (the top level, each block's
 * inside) is laid out left to right along the data flow with dagre, blocks
 * inside out so an expanded block is sized to fit its children. Measured
 * sizes are used where larger than the estimates. Collapsed blocks keep
 * their inside arranged for when they are expanded. The top level keeps its
 * top-left corner, so arranging does not move the design away from the view.
 * Deterministic: the same document and sizes give the same positions.
 */
export function arrangeDesign(doc: DesignDocument, measured: ReadonlyMap<string, NodeSize> = new Map()): Map<string, Position> {
  const ix = indexDesign(doc);
  const positions = new Map<string, Position>();
  const sizes = new Map<string, NodeSize>();

  /** Lays out one scope's members from (0, 0); returns the size of what it covers. */
  const arrangeScope = (scope: string | null): NodeSize => {
    const members = ix.children.get(scope) ?? [];
    for (const node of members) {
      if (node.type === BLOCK_TYPE) {
        const inside = arrangeScope(node.id);
        if (isExpandedBlock(node)) {
          sizes.set(node.id, { width: BLOCK_INSET.left + inside.width + BLOCK_INSET.right, height: BLOCK_INSET.top + inside.height + BLOCK_INSET.bottom });
          continue;
        }
      }
      // The canvas sizes frames from the estimates: a node drawn smaller keeps its estimated room, one drawn larger gets more.
      const estimate = estimateNodeSize(node);
      const drawn = measured.get(node.id) ?? estimate;
      sizes.set(node.id, { width: Math.max(drawn.width, estimate.width), height: Math.max(drawn.height, estimate.height) });
    }
    if (members.length === 0) return { width: 0, height: 0 };

    const g = new Graph();
    // network-simplex gives the tidiest ranks but costs seconds on hundreds of nodes; tight-tree is close and 4× faster.
    const ranker = members.length > LARGE_SCOPE ? 'tight-tree' : 'network-simplex';
    g.setGraph({ rankdir: 'LR', ranksep: RANK_GAP, nodesep: NODE_GAP, marginx: 0, marginy: 0, ranker });
    g.setDefaultEdgeLabel(() => ({}));
    for (const node of members) g.setNode(node.id, { ...sizes.get(node.id)! });
    for (const edge of doc.edges) {
      const source = ix.nodes.get(edge.source.node);
      const target = ix.nodes.get(edge.target.node);
      if (!source || !target || source.id === target.id) continue;
      const placement = placeEdge(source, target);
      if (placement?.kind === 'sibling' && placement.scope === scope) g.setEdge(source.id, target.id);
    }
    layout(g);

    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const corners = members.map((node) => {
      const { x = 0, y = 0 } = g.node(node.id);
      const { width, height } = sizes.get(node.id)!;
      const corner = { x: x - width / 2, y: y - height / 2 };
      minX = Math.min(minX, corner.x);
      minY = Math.min(minY, corner.y);
      maxX = Math.max(maxX, corner.x + width);
      maxY = Math.max(maxY, corner.y + height);
      return { id: node.id, corner };
    });
    const origin = scope === null ? topLeft(members) : { x: BLOCK_INSET.left, y: BLOCK_INSET.top };
    for (const { id, corner } of corners) {
      positions.set(id, { x: Math.round(corner.x - minX + origin.x), y: Math.round(corner.y - minY + origin.y) });
    }
    return { width: Math.ceil(maxX - minX), height: Math.ceil(maxY - minY) };
  };

  arrangeScope(null);
  return positions;
}

function topLeft(nodes: readonly DesignNode[]): Position {
  return { x: Math.min(...nodes.map((n) => n.position.x)), y: Math.min(...nodes.map((n) => n.position.y)) };
}

/** The moves that arrange a design: only nodes whose position changes. */
export function arrangeMoves(doc: DesignDocument, measured?: ReadonlyMap<string, NodeSize>): { id: string; position: Position }[] {
  const positions = arrangeDesign(doc, measured);
  return doc.nodes.flatMap((node) => {
    const position = positions.get(node.id);
    return position && (position.x !== node.position.x || position.y !== node.position.y) ? [{ id: node.id, position }] : [];
  });
}

/** The same document with every node in its arranged position. */
export function arrangedDocument(doc: DesignDocument): DesignDocument {
  const positions = arrangeDesign(doc);
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}
