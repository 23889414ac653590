import type { z } from 'zod';
import type { DesignNode, DesignSettings } from '../document.ts';
import type { DiagnosticCode } from '../diagnostics.ts';

/**
 * What flows through a port. `memory` is a sequence used as the keys and
 * values of cross-attention: only input ports have it, and they accept a
 * `sequence` value.
 */
export type PortKind =
  | 'tokens' // [B, T] integer ids
  | 'sequence' // [B, T, d]
  | 'series' // [B, T, F] real-valued features per step
  | 'memory' // [B, S, d] encoder output read by cross-attention
  | 'mask' // [B, T] key-padding mask
  | 'logits' // [B, T, V]
  | 'class-logits' // [B, C]
  | 'regression' // [B, horizon, outputs]
  | 'probabilities'; // softmax of logits, same shape

export interface PortSpec {
  name: string;
  direction: 'in' | 'out';
  kind: PortKind;
  /** Value kinds an input port takes; defaults to [kind]. */
  accepts?: readonly PortKind[];
  /** Inputs only: the node cannot compute without it. */
  required?: boolean;
  label: string;
}

export type PaletteGroup = 'inputs' | 'embeddings' | 'attention' | 'normalization' | 'layers' | 'recurrent' | 'heads' | 'blocks';

/**
 * A value flowing along an edge during shape inference: its concrete shape
 * and the facts the teaching warnings need about how it was computed.
 */
export interface Value {
  kind: PortKind;
  shape: readonly number[];
  /** Tokens: every id is below this. */
  vocab?: number;
  /** Some layer (positional encoding, recurrence) has made the value depend on position. */
  positional: boolean;
  /** Non-causal self-attention nodes whose mixing this value carries: they let a position see later ones. */
  futureFrom: readonly string[];
  /** Self-attention layers along the deepest path that produced this value (repeats counted). */
  selfAttentionDepth: number;
}

/** What a node's shape rule returns per output port; unset facts are merged from its inputs. */
export interface InferredOutput {
  shape: readonly number[];
  vocab?: number;
  positional?: boolean;
  futureFrom?: readonly string[];
  selfAttentionDepth?: number;
}

export interface DiagnosticPlace {
  port?: string;
  /** Another node the diagnostic belongs on (e.g. the attention a head exposes). */
  nodeId?: string;
}

export interface InferContext<P> {
  readonly node: DesignNode;
  readonly params: P;
  readonly settings: DesignSettings;
  /** The sample batch size B. */
  readonly batch: number;
  /** Kind of the nearest enclosing block, if any. */
  readonly enclosingBlockKind: BlockKind | null;
  /** The value on a connected input port (every connected input is known when infer runs). */
  input(port: string): Value | undefined;
  /** Any node of the document, for params that reference another node (tied weights). */
  nodeById(id: string): DesignNode | undefined;
  report(code: DiagnosticCode, message: string, hint: string, place?: DiagnosticPlace): void;
}

export type BlockKind = 'encoder' | 'decoder' | 'custom';

/** A node type of the catalog, typed by its params. */
export interface NodeTypeSpec<P> {
  type: string;
  displayName: string;
  group: PaletteGroup;
  /** 2–3 sentences for the inspector: what the layer does and why it is there. */
  teaching: string;
  params: z.ZodType<P>;
  /** Inputs and outputs; some depend on params (cross-attention's memory). */
  ports(params: P): readonly PortSpec[];
  /** Output shapes from input shapes; null when they cannot be determined (after reporting why). */
  infer(ctx: InferContext<P>): Record<string, InferredOutput> | null;
  /** The dropout probability the node applies, for the no-training warning. */
  dropoutRate?(params: P): number;
  /** Inputs start the graph, heads end it, a block holds other nodes. */
  role?: 'input' | 'head' | 'block';
}

/** A catalog entry with its params type erased, so entries of all types share one registry. */
export interface CatalogEntry {
  type: string;
  displayName: string;
  group: PaletteGroup;
  teaching: string;
  params: z.ZodType<Record<string, unknown>>;
  ports(params: Record<string, unknown>): readonly PortSpec[];
  infer(ctx: InferContext<Record<string, unknown>>): Record<string, InferredOutput> | null;
  dropoutRate(params: Record<string, unknown>): number;
  role: 'input' | 'head' | 'block' | 'layer';
}

/** Erases a node type's params type; the document guarantees params match the schema. */
export function defineNodeType<P>(spec: NodeTypeSpec<P>): CatalogEntry {
  return {
    type: spec.type,
    displayName: spec.displayName,
    group: spec.group,
    teaching: spec.teaching,
    params: spec.params as unknown as z.ZodType<Record<string, unknown>>,
    ports: (params) => spec.ports(params as P),
    infer: (ctx) => spec.infer(ctx as unknown as InferContext<P>),
    dropoutRate: (params) => spec.dropoutRate?.(params as P) ?? 0,
    role: spec.role ?? 'layer',
  };
}

/** Whether an input port takes a value of this kind. */
export function portAccepts(port: PortSpec, kind: PortKind): boolean {
  return (port.accepts ?? [port.kind]).includes(kind);
}
