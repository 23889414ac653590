import { BLOCK_TYPE, entryOf, portAccepts, type BlockKind, type BlockParams, type PortKind, type Value } from './catalog/index.ts';
import { LARGE_TENSOR_ELEMENTS } from './catalog/attention.ts';
import { DIAGNOSTIC_SEVERITY, type Diagnostic, type DiagnosticCode } from './diagnostics.ts';
import type { DesignDocument, DesignEdge, DesignNode } from './document.ts';
import { cycleMembers, indexDesign, orderScope, portKey, type DesignIndex } from './graph.ts';
import { designWarnings } from './design-warnings.ts';
import { mergeFacts, toValue } from './values.ts';

/** A concrete tensor shape and what kind of value it is, e.g. sequence [8, 32, 128]. */
export interface TensorShape {
  kind: PortKind;
  shape: number[];
}

/** The shapes on a node's connected inputs and on its outputs (for a block: one application of its inside). */
export interface NodeShapes {
  inputs: Record<string, TensorShape>;
  outputs: Record<string, TensorShape>;
}

export interface ValidationResult {
  /** No error among the diagnostics. */
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Per node id; nodes whose shapes could not be inferred are absent or partial. */
  nodes: Record<string, NodeShapes>;
  /** Per edge id: the shape travelling along it. */
  edges: Record<string, TensorShape>;
  /** Each scope's children in dependency order, the order a compiler builds and runs them. */
  order: { root: string[]; blocks: Record<string, string[]> };
}

/** What the scope walk learns about the design, for the design-wide warnings. */
export interface InferenceFacts {
  /** Deepest self-attention stack feeding any head. */
  maxHeadDepth: number;
}

const shapeOf = (v: Value): TensorShape => ({ kind: v.kind, shape: [...v.shape] });
const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Validates a design and infers the shape on every node and edge, with
 * concrete dims from the input nodes and the batch size in the settings.
 * Pure and fast (linear in nodes + edges); runs after every accepted edit.
 */
export function validateDesign(doc: DesignDocument): ValidationResult {
  const ix = indexDesign(doc);
  const walk = new ScopeWalk(doc, ix);
  walk.scope(null, new Map(), null);
  designWarnings(doc, ix, walk.facts, (d) => walk.add(d));
  const diagnostics = walk.diagnostics;
  return {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    diagnostics,
    nodes: walk.nodes,
    edges: walk.edges,
    order: walk.order,
  };
}

class ScopeWalk {
  readonly diagnostics: Diagnostic[] = [];
  readonly nodes: Record<string, NodeShapes> = {};
  readonly edges: Record<string, TensorShape> = {};
  readonly order: ValidationResult['order'] = { root: [], blocks: {} };
  readonly facts: InferenceFacts = { maxHeadDepth: 0 };
  /** Output values by node id and port. */
  private readonly values = new Map<string, Map<string, Value>>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly doc: DesignDocument,
    private readonly ix: DesignIndex,
  ) {}

  add(d: Diagnostic): void {
    const key = `${d.code}|${d.nodeId ?? ''}|${d.edgeId ?? ''}|${d.port ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(d);
  }

  report(code: DiagnosticCode, message: string, hint: string, where: Pick<Diagnostic, 'nodeId' | 'edgeId' | 'port'>): void {
    const d: Diagnostic = { severity: DIAGNOSTIC_SEVERITY[code], code, message, hint };
    if (where.nodeId !== undefined) d.nodeId = where.nodeId;
    if (where.edgeId !== undefined) d.edgeId = where.edgeId;
    if (where.port !== undefined) d.port = where.port;
    this.add(d);
  }

  /**
   * Infers one scope (the top level, or a block's inside given the values on
   * its in/memory ports); returns the value delivered to the block's out.
   */
  scope(scope: string | null, boundary: Map<string, Value>, blockKind: BlockKind | null): Value | undefined {
    const { order, stuck } = orderScope(this.ix, scope);
    const ids = order.map((n) => n.id);
    if (scope === null) this.order.root = ids;
    else this.order.blocks[scope] = ids;
    const onCycle = cycleMembers(this.ix, stuck);
    for (const node of onCycle) {
      this.report(
        'cycle',
        `'${node.id}' is on a cycle (${onCycle.map((n) => n.id).join(', ')}).`,
        'Data must flow one way from the inputs to the heads: remove one of the edges that loops back.',
        { nodeId: node.id },
      );
    }
    for (const node of order) this.node(node, scope, boundary, blockKind);
    for (const node of stuck) if (node.type === BLOCK_TYPE) this.scope(node.id, new Map(), (node.params as BlockParams).kind);
    if (scope === null) return undefined;
    const [edge] = this.ix.edgesByTarget.get(portKey({ node: scope, port: 'out' })) ?? [];
    return edge ? this.sourceValue(edge, scope, boundary) : undefined;
  }

  private sourceValue(edge: DesignEdge, scope: string | null, boundary: Map<string, Value>): Value | undefined {
    const value =
      edge.source.node === scope ? boundary.get(edge.source.port) : this.values.get(edge.source.node)?.get(edge.source.port);
    if (value) this.edges[edge.id] = shapeOf(value);
    return value;
  }

  private node(node: DesignNode, scope: string | null, boundary: Map<string, Value>, blockKind: BlockKind | null): void {
    const entry = entryOf(node);
    const shapes: NodeShapes = { inputs: {}, outputs: {} };
    this.nodes[node.id] = shapes;
    const inputs = new Map<string, Value>();
    let complete = true;
    for (const port of entry.ports(node.params)) {
      if (port.direction !== 'in') continue;
      const edges = this.ix.edgesByTarget.get(portKey({ node: node.id, port: port.name })) ?? [];
      if (edges.length === 0) {
        if (port.required) {
          complete = false;
          if (port.kind === 'memory') {
            this.report('memory-unconnected', `The memory input of '${node.id}' is not connected.`, 'Cross-attention reads its keys and values from the memory: connect the encoder\'s output to it.', { nodeId: node.id, port: port.name });
          } else {
            this.report('missing-input', `Input '${port.label}' of '${node.id}' is not connected.`, `Connect a ${port.kind} output to ${node.id}.${port.name}.`, { nodeId: node.id, port: port.name });
          }
        }
        continue;
      }
      for (const extra of edges.slice(1)) {
        this.report('duplicate-input', `${node.id}.${port.name} is fed by more than one edge.`, 'An input takes exactly one value: remove the extra edges (use an Add node to combine values).', { nodeId: node.id, edgeId: extra.id, port: port.name });
      }
      const value = this.sourceValue(edges[0], scope, boundary);
      if (!value) {
        complete = false;
        continue;
      }
      if (!portAccepts(port, value.kind)) {
        complete = false;
        this.report('incompatible-ports', `${node.id}.${port.name} takes ${(port.accepts ?? [port.kind]).join(' or ')}, but receives ${value.kind} [${value.shape.join(', ')}].`, kindHint(port.kind, value.kind), { nodeId: node.id, edgeId: edges[0].id, port: port.name });
        continue;
      }
      inputs.set(port.name, value);
      shapes.inputs[port.name] = shapeOf(value);
    }
    const outputs = entry.role === 'block' ? this.block(node, inputs, complete) : complete ? this.layer(node, inputs, blockKind) : undefined;
    if (!outputs) return;
    this.values.set(node.id, outputs);
    for (const [port, value] of outputs) {
      shapes.outputs[port] = shapeOf(value);
      const elements = value.shape.reduce((a, b) => a * b, 1);
      if (elements > LARGE_TENSOR_ELEMENTS) {
        this.report('large-tensor', `${node.id}.${port} holds ${elements.toLocaleString('en-US')} numbers [${value.shape.join(', ')}].`, 'Reduce the batch size, the sequence length or the width to run this design here.', { nodeId: node.id, port });
      }
    }
    if (entry.role === 'head') {
      const x = inputs.get('in');
      if (x) this.facts.maxHeadDepth = Math.max(this.facts.maxHeadDepth, x.selfAttentionDepth);
    }
  }

  private layer(node: DesignNode, inputs: Map<string, Value>, blockKind: BlockKind | null): Map<string, Value> | undefined {
    const entry = entryOf(node);
    const inferred = entry.infer({
      node,
      params: node.params,
      settings: this.doc.settings,
      batch: this.doc.settings.batchSize,
      enclosingBlockKind: blockKind,
      input: (port) => inputs.get(port),
      nodeById: (id) => this.ix.nodes.get(id),
      report: (code, message, hint, place) => this.report(code, message, hint, { nodeId: place?.nodeId ?? node.id, port: place?.port }),
    });
    if (!inferred) return undefined;
    const merged = mergeFacts([...inputs.values()]);
    const outputs = new Map<string, Value>();
    for (const port of entry.ports(node.params)) {
      const out = inferred[port.name];
      if (port.direction === 'out' && out) outputs.set(port.name, toValue(port.kind, out, merged));
    }
    return outputs;
  }

  /** A block: walks its inside, then checks that ×N repetition keeps the shape. */
  private block(node: DesignNode, inputs: Map<string, Value>, complete: boolean): Map<string, Value> | undefined {
    const params = node.params as BlockParams;
    const hasOut = (this.ix.edgesByTarget.get(portKey({ node: node.id, port: 'out' })) ?? []).length > 0;
    const memoryRead = (this.ix.edgesBySource.get(portKey({ node: node.id, port: 'memory' })) ?? []).length > 0;
    if (memoryRead && !this.ix.edgesByTarget.has(portKey({ node: node.id, port: 'memory' }))) {
      complete = false;
      this.report('memory-unconnected', `Layers inside '${node.id}' read its memory, but nothing is connected to it.`, 'Connect the encoder\'s output to the block\'s memory port.', { nodeId: node.id, port: 'memory' });
    }
    const out = this.scope(node.id, inputs, params.kind);
    if (!hasOut) {
      // A block may end the model (its inside holds the heads); otherwise its output is missing.
      if (this.ix.edgesBySource.has(portKey({ node: node.id, port: 'out' })) || !this.holdsHead(node.id)) {
        this.report('block-output-unconnected', `Nothing inside '${node.id}' is connected to its out port.`, 'Connect the last layer inside the block to the block\'s out port.', { nodeId: node.id, port: 'out' });
      }
      return undefined;
    }
    const x = inputs.get('in');
    if (!complete || !out || !x) return undefined;
    if (params.repeat > 1 && !sameShape(x.shape, out.shape)) {
      this.report('block-changes-shape', `'${node.id}' turns [${x.shape.join(', ')}] into [${out.shape.join(', ')}], so it cannot be repeated ×${params.repeat}.`, 'Each copy feeds the next, so the inside must return the shape it receives: keep the width, or set repeat to 1.', { nodeId: node.id });
      return undefined;
    }
    const perCopy = out.selfAttentionDepth - x.selfAttentionDepth;
    return new Map([['out', { ...out, selfAttentionDepth: x.selfAttentionDepth + params.repeat * perCopy }]]);
  }

  private holdsHead(blockId: string): boolean {
    return (this.ix.children.get(blockId) ?? []).some((child) => {
      const role = entryOf(child).role;
      return role === 'head' || (role === 'block' && this.holdsHead(child.id));
    });
  }
}

function kindHint(expected: PortKind, got: PortKind): string {
  if (got === 'tokens') return 'Token ids are integers: pass them through a token embedding first.';
  if (got === 'series' && expected === 'sequence') return 'A series has its own feature count: project it to the model width with a Linear layer first.';
  if (expected === 'logits') return 'Softmax turns a head\'s logits into probabilities: connect it after a head.';
  return `Connect an output that delivers ${expected}.`;
}
