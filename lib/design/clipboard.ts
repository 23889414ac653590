import { z } from 'zod';
import { BLOCK_TYPE } from './catalog/index.ts';
import { DesignEdge, DesignNode, ElementId, MAX_EDGES, MAX_ID_LENGTH, MAX_NODES, type DesignDocument, type Position } from './document.ts';
import { indexDesign, type DesignIndex } from './graph.ts';

/**
 * Copied nodes, as they travel through the system clipboard (JSON) between
 * tabs and designs. The copied roots (nodes whose block was not copied) have
 * canvas positions and no parent; `scope` names the block they came from,
 * so a paste into the same design lands in the same block. Everything else
 * keeps its parent and its position relative to it.
 */
export const DesignClip = z.strictObject({
  kind: z.literal('multihead/nodes'),
  scope: ElementId.nullable(),
  nodes: z.array(DesignNode).min(1).max(MAX_NODES),
  edges: z.array(DesignEdge).max(MAX_EDGES),
});
export type DesignClip = z.infer<typeof DesignClip>;

/** Where a pasted node lands when it would sit exactly on another one: this much further right and down. */
export const PASTE_STEP = 40;

/** The canvas position of a node (children's positions are relative to their block). */
function absolutePosition(ix: DesignIndex, id: string): Position {
  let x = 0;
  let y = 0;
  for (let node = ix.nodes.get(id); node; node = node.parentId ? ix.nodes.get(node.parentId) : undefined) {
    x += node.position.x;
    y += node.position.y;
  }
  return { x, y };
}

/** The selected nodes with everything inside selected blocks and the edges among them; null when nothing is selected. */
export function copyNodes(doc: DesignDocument, ids: readonly string[]): DesignClip | null {
  const ix = indexDesign(doc);
  const taken = new Set<string>();
  const take = (id: string) => {
    if (taken.has(id) || !ix.nodes.has(id)) return;
    taken.add(id);
    for (const child of ix.children.get(id) ?? []) take(child.id);
  };
  for (const id of ids) take(id);
  if (taken.size === 0) return null;
  const roots = doc.nodes.filter((n) => taken.has(n.id) && !(n.parentId && taken.has(n.parentId)));
  const scopes = new Set(roots.map((n) => n.parentId ?? null));
  const nodes = doc.nodes
    .filter((n) => taken.has(n.id))
    .map((n): DesignNode => {
      const copy = structuredClone(n);
      if (!roots.includes(n)) return copy;
      delete copy.parentId;
      return { ...copy, position: absolutePosition(ix, n.id) };
    });
  const edges = doc.edges.filter((e) => taken.has(e.source.node) && taken.has(e.target.node)).map((e) => structuredClone(e));
  return { kind: 'multihead/nodes', scope: scopes.size === 1 ? [...scopes][0] : null, nodes, edges };
}

/** Reads a clip from clipboard text; null when the text is not one (it is user input: anything may be there). */
export function parseClip(text: string): DesignClip | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = DesignClip.safeParse(json);
  if (!parsed.success) return null;
  const ids = new Set(parsed.data.nodes.map((n) => n.id));
  if (ids.size !== parsed.data.nodes.length) return null;
  if (parsed.data.nodes.some((n) => n.parentId !== undefined && !ids.has(n.parentId))) return null;
  return { ...parsed.data, edges: parsed.data.edges.filter((e) => ids.has(e.source.node) && ids.has(e.target.node)) };
}

/** What a paste adds: fresh nodes and edges (one addNodes op), and the pasted roots to select. */
export interface Paste {
  nodes: DesignNode[];
  edges: DesignEdge[];
  roots: string[];
}

/**
 * The clip's nodes and edges with fresh ids (references between copied
 * nodes, like a tied embedding, follow them), offset by PASTE_STEP until no
 * pasted root sits exactly on a node already there. Roots go back into the
 * block they were copied from when it is in this design, else to the top level.
 */
export function pasteNodes(doc: DesignDocument, clip: DesignClip, freshId: (prefix: string) => string): Paste {
  const ix = indexDesign(doc);
  const used = new Set([...ix.nodes.keys(), ...ix.edges.keys()]);
  const unique = (wanted: string | null, prefix: string): string => {
    let id = wanted && wanted.length <= MAX_ID_LENGTH && !used.has(wanted) ? wanted : freshId(prefix);
    while (used.has(id)) id = freshId(prefix);
    used.add(id);
    return id;
  };
  const renamed = new Map<string, string>();
  for (const node of clip.nodes) {
    // A block's children are named after it (`enc.ffn`): the copies are named after the copy.
    const parent = node.parentId ? renamed.get(node.parentId) : undefined;
    const suffix = node.parentId && node.id.startsWith(`${node.parentId}.`) ? node.id.slice(node.parentId.length + 1) : null;
    renamed.set(node.id, unique(parent && suffix ? `${parent}.${suffix}` : null, node.type === BLOCK_TYPE ? 'block' : node.type));
  }

  const scope = clip.scope && ix.nodes.get(clip.scope)?.type === BLOCK_TYPE ? clip.scope : null;
  const origin = scope ? absolutePosition(ix, scope) : { x: 0, y: 0 };
  const roots = clip.nodes.filter((n) => n.parentId === undefined);
  const siblings = (ix.children.get(scope) ?? []).map((n) => n.position);
  const taken = (step: number) =>
    roots.some((r) => siblings.some((p) => Math.abs(p.x - (r.position.x - origin.x + step)) < PASTE_STEP / 2 && Math.abs(p.y - (r.position.y - origin.y + step)) < PASTE_STEP / 2));
  let step = PASTE_STEP;
  while (step < 100 * PASTE_STEP && taken(step)) step += PASTE_STEP;

  const nodes = clip.nodes.map((node): DesignNode => {
    const params = Object.fromEntries(Object.entries(node.params).map(([k, v]) => [k, typeof v === 'string' && renamed.has(v) ? renamed.get(v) : v]));
    const copy: DesignNode = { ...structuredClone(node), id: renamed.get(node.id)!, params };
    if (node.parentId !== undefined) return { ...copy, parentId: renamed.get(node.parentId)! };
    const position = { x: Math.round(node.position.x - origin.x + step), y: Math.round(node.position.y - origin.y + step) };
    return scope ? { ...copy, position, parentId: scope } : { ...copy, position };
  });
  const edges = clip.edges.map((e) => ({
    id: unique(null, 'e'),
    source: { node: renamed.get(e.source.node)!, port: e.source.port },
    target: { node: renamed.get(e.target.node)!, port: e.target.port },
  }));
  return { nodes, edges, roots: roots.map((r) => renamed.get(r.id)!) };
}
