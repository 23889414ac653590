import type { DesignNode } from '../document.ts';
import { multiHeadAttention } from './attention.ts';
import { block } from './block.ts';
import { positionalEncoding, tokenEmbedding } from './embedding.ts';
import { classificationHead, lmHead, regressionHead } from './heads.ts';
import { paddingMask, seriesInput, tokenInput } from './inputs.ts';
import { dropout, feedForward, linear, softmax } from './layers.ts';
import { recurrent } from './recurrent.ts';
import { add, addNorm, layerNorm } from './residual.ts';
import type { CatalogEntry, PortSpec } from './types.ts';
import { describeIssue } from '../zod-issue.ts';

export type { BlockKind, CatalogEntry, InferContext, InferredOutput, PaletteGroup, PortKind, PortSpec, Value } from './types.ts';
export { portAccepts } from './types.ts';
export { BLOCK_TYPE, BlockParams, MAX_REPEAT, blockPorts } from './block.ts';

const ENTRIES: readonly CatalogEntry[] = [
  tokenInput,
  seriesInput,
  paddingMask,
  tokenEmbedding,
  positionalEncoding,
  multiHeadAttention,
  add,
  layerNorm,
  addNorm,
  feedForward,
  dropout,
  linear,
  softmax,
  lmHead,
  classificationHead,
  regressionHead,
  recurrent,
  block,
];

const BY_TYPE: ReadonlyMap<string, CatalogEntry> = new Map(ENTRIES.map((e) => [e.type, e]));

/** Every node type, in palette order. */
export function listNodeTypes(): readonly CatalogEntry[] {
  return ENTRIES;
}

/** The catalog entry of a node type, or undefined for an unknown type. */
export function catalogEntry(type: string): CatalogEntry | undefined {
  return BY_TYPE.get(type);
}

/** The catalog entry of a node already in a document (its type is known by construction). */
export function entryOf(node: DesignNode): CatalogEntry {
  const entry = BY_TYPE.get(node.type);
  if (!entry) throw new Error(`unknown node type '${node.type}'`);
  return entry;
}

export type ParamsResult =
  | { ok: true; params: Record<string, unknown> }
  | { ok: false; code: 'unknown-node-type' | 'bad-params'; message: string; path: (string | number)[] };

/** Checks params against a node type's schema and fills in defaults; failures name the param. */
export function parseParams(type: string, raw: unknown): ParamsResult {
  const entry = BY_TYPE.get(type);
  if (!entry) {
    return { ok: false, code: 'unknown-node-type', message: `unknown node type '${type}'`, path: [] };
  }
  const result = entry.params.safeParse(raw ?? {});
  if (result.success) return { ok: true, params: result.data };
  const issue = result.error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  return { ok: false, code: 'bad-params', message: `${entry.displayName}: ${describeIssue(issue)}`, path };
}

/** A node type's params with every default. */
export function defaultParams(type: string): Record<string, unknown> {
  const parsed = parseParams(type, {});
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.params;
}

/** The ports of a node with its current params. */
export function portsOf(node: DesignNode): readonly PortSpec[] {
  return entryOf(node).ports(node.params);
}

/** One port of a node by name. */
export function findPort(node: DesignNode, name: string): PortSpec | undefined {
  return portsOf(node).find((p) => p.name === name);
}
