import { entryOf } from '../design/catalog/index.ts';
import type { BlockParams } from '../design/catalog/block.ts';
import type { DesignDocument, DesignNode, PortRef } from '../design/document.ts';
import { portKey } from '../design/graph.ts';
import type { ValidationResult } from '../design/validate.ts';
import { Embedding, Module } from '../nn/index.ts';
import type { Tensor } from '../tensor/index.ts';
import type { DesignCost } from './count.ts';
import { BlockModule, ModuleDict } from './module-dict.ts';
import { scopeModuleNames } from './naming.ts';
import { buildNodeLayer, type NodeLayer, type PortTensors } from './node-layers.ts';
import { nodeRng } from './node-rng.ts';
import { checkModelInputs, describeInputs, type ModelInput } from './model-inputs.ts';

/** One application of a node: a top-level node has one, a node inside a block ×N has N (more when blocks nest). */
export interface NodeInstance {
  nodeId: string;
  /** 0-based, counting every application of the node in execution order (copy c of a block ×N is c). */
  copy: number;
  /** The copy index in each enclosing block, outermost first ([] at the top level). */
  copyPath: number[];
  /** The module's state_dict prefix, e.g. 'nodes.encoder.layers.1.selfAttn' (see naming.ts). */
  path: string;
  module: Module;
}

/** Attention weights of one attention node in one copy. */
export interface AttentionRecord {
  nodeId: string;
  copy: number;
  copyPath: number[];
  /** [B, heads, T, S] after dropout, as PyTorch returns them. */
  weights: Tensor;
}

/** What one forward pass produced. */
export interface ForwardResult {
  /** Per node id and output port; inside a repeated block, the last copy's (the value that flows on). */
  outputs: Record<string, PortTensors>;
  /** Every attention node's weights, per copy, in execution order. */
  attention: AttentionRecord[];
}

/** Options of a forward pass. */
export interface ForwardOptions {
  /** Dropout active (default false: evaluation). */
  training?: boolean;
}

interface NodeStep {
  kind: 'node';
  node: DesignNode;
  instance: NodeInstance;
  layer: NodeLayer;
  inputs: [string, PortRef][];
}

interface BlockStep {
  kind: 'block';
  node: DesignNode;
  instance: NodeInstance;
  copies: ScopePlan[];
  inputs: [string, PortRef][];
  /** What feeds the block's out port from inside, or null when the block ends the model. */
  outSource: PortRef | null;
}

interface ScopePlan {
  /** The block this is a copy of the inside of; null at the top level. */
  blockId: string | null;
  steps: (NodeStep | BlockStep)[];
}

/** What a forward pass keeps while it runs. */
interface ForwardState {
  values: Map<string, PortTensors>;
  attention: AttentionRecord[];
  inputs: Record<string, Tensor>;
  training: boolean;
}

/**
 * A design compiled into lib/nn layers, one module per node (a block: one
 * set per copy), registered under `nodes` with the names of naming.ts so
 * state_dict keys are stable and readable. Build it with compileDesign.
 */
export class CompiledModel extends Module {
  /** The top-level nodes' modules by name. */
  readonly nodes: ModuleDict;
  /** The input nodes, what they take and in what shape. */
  readonly inputs: ModelInput[];
  /** Ids of the head nodes (language-model, classification, regression), where a loss is computed. */
  readonly heads: string[];
  private readonly root: ScopePlan;
  private readonly instances = new Map<string, NodeInstance[]>();
  private readonly owners = new Map<string, Embedding>();
  private readonly edgeInto = new Map<string, PortRef>();
  private readonly scopeMembers = new Map<string | null, DesignNode[]>();

  constructor(
    readonly doc: DesignDocument,
    readonly validation: ValidationResult,
    readonly cost: DesignCost,
    readonly seed: number,
  ) {
    super();
    for (const edge of doc.edges) this.edgeInto.set(portKey(edge.target), edge.source);
    for (const node of doc.nodes) {
      const scope = node.parentId ?? null;
      const members = this.scopeMembers.get(scope);
      if (members) members.push(node);
      else this.scopeMembers.set(scope, [node]);
    }
    this.nodes = this.registerModule('nodes', new ModuleDict());
    this.root = this.buildScope(null, this.nodes, 'nodes', []);
    this.inputs = describeInputs(doc);
    this.heads = doc.nodes.filter((n) => entryOf(n).role === 'head').map((n) => n.id);
  }

  /** Runs the model on a batch: token ids [B, T] (int32) or series [B, T, F] per input node id. */
  forward(inputs: Record<string, Tensor>, options: ForwardOptions = {}): ForwardResult {
    checkModelInputs(this.inputs, inputs);
    const training = options.training ?? false;
    this.train(training);
    const state: ForwardState = { values: new Map(), attention: [], inputs, training };
    this.runScope(this.root, new Map(), state);
    return { outputs: Object.fromEntries(state.values), attention: state.attention };
  }

  /** Every application of a node (one unless it sits in a repeated block). */
  instancesOf(nodeId: string): readonly NodeInstance[] {
    return this.instances.get(nodeId) ?? [];
  }

  /** The module of copy `copy` of a node (for a block, all of its copies). */
  nodeModule(nodeId: string, copy = 0): Module | undefined {
    return this.instancesOf(nodeId)[copy]?.module;
  }

  /** Parameters of one application of a node, as countDesign counts them (a block: all its copies; a tied head: its bias). */
  nodeParameters(nodeId: string): number {
    return this.nodeModule(nodeId)?.numParameters() ?? 0;
  }

  /** Builds one scope's modules into `dict` (document order) and its plan (build order). */
  private buildScope(blockId: string | null, dict: ModuleDict, prefix: string, copyPath: number[]): ScopePlan {
    const members = this.scopeMembers.get(blockId) ?? [];
    const names = scopeModuleNames(members, blockId);
    const byId = new Map<string, NodeStep | BlockStep>();
    for (const node of members) {
      const name = names.get(node.id)!;
      const path = `${prefix}.${name}`;
      const copy = this.instancesOf(node.id).length;
      const inputs = this.inputEdges(node);
      if (node.type === 'block') {
        const module = dict.set(name, new BlockModule());
        const instance = this.addInstance({ nodeId: node.id, copy, copyPath, path, module });
        const copies: ScopePlan[] = [];
        for (let c = 0; c < (node.params as BlockParams).repeat; c++) {
          copies.push(this.buildScope(node.id, module.layers.set(String(c), new ModuleDict()), `${path}.layers.${c}`, [...copyPath, c]));
        }
        const outSource = this.edgeInto.get(portKey({ node: node.id, port: 'out' })) ?? null;
        byId.set(node.id, { kind: 'block', node, instance, copies, inputs, outSource });
      } else {
        const layer = buildNodeLayer(node, {
          shapes: this.validation.nodes[node.id],
          rng: nodeRng(this.seed, node.id, copy),
          ownerEmbedding: (id) => this.ownerEmbedding(id),
        });
        const instance = this.addInstance({ nodeId: node.id, copy, copyPath, path, module: dict.set(name, layer.module) });
        byId.set(node.id, { kind: 'node', node, instance, layer, inputs });
      }
    }
    const order = blockId === null ? this.validation.order.root : this.validation.order.blocks[blockId];
    return { blockId, steps: order.map((id) => byId.get(id)!) };
  }

  private addInstance(instance: NodeInstance): NodeInstance {
    this.instances.set(instance.nodeId, [...this.instancesOf(instance.nodeId), instance]);
    return instance;
  }

  /** The source of every connected input port of a node. */
  private inputEdges(node: DesignNode): [string, PortRef][] {
    const edges: [string, PortRef][] = [];
    for (const port of entryOf(node).ports(node.params)) {
      if (port.direction !== 'in') continue;
      const source = this.edgeInto.get(portKey({ node: node.id, port: port.name }));
      if (source) edges.push([port.name, source]);
    }
    return edges;
  }

  /**
   * The nn.Embedding of a token embedding that owns its matrix, built once
   * from its own seed whoever needs it first (the owner, a shared
   * embedding or a tied head), so build order never changes the weights.
   */
  private ownerEmbedding(nodeId: string): Embedding {
    let module = this.owners.get(nodeId);
    if (!module) {
      const node = this.doc.nodes.find((n) => n.id === nodeId);
      if (!node || node.type !== 'token-embedding') throw new Error(`'${nodeId}' is not a token embedding`);
      const p = node.params;
      module = new Embedding(p.vocab as number, p.dModel as number, { rng: nodeRng(this.seed, nodeId, 0), scale: p.scale as boolean });
      this.owners.set(nodeId, module);
    }
    return module;
  }

  private runScope(plan: ScopePlan, boundary: Map<string, Tensor>, state: ForwardState): void {
    for (const step of plan.steps) {
      const inputs: PortTensors = {};
      for (const [port, source] of step.inputs) {
        const value = this.valueAt(source, plan.blockId, boundary, state);
        if (value) inputs[port] = value;
      }
      if (step.kind === 'block') {
        state.values.set(step.node.id, this.runBlock(step, inputs, state));
        continue;
      }
      const { node, instance } = step;
      if (entryOf(node).role === 'input') {
        state.values.set(node.id, { out: state.inputs[node.id] });
        continue;
      }
      const outputs = step.layer.run(inputs, {
        training: state.training,
        recordAttention: (weights) =>
          state.attention.push({ nodeId: node.id, copy: instance.copy, copyPath: instance.copyPath, weights }),
      });
      state.values.set(node.id, outputs);
    }
  }

  /** Copy after copy, each reading the previous one's output (and the same memory). */
  private runBlock(step: BlockStep, inputs: PortTensors, state: ForwardState): PortTensors {
    let x: Tensor | undefined = inputs.in;
    for (const copy of step.copies) {
      const boundary = new Map<string, Tensor>();
      if (x) boundary.set('in', x);
      if (inputs.memory) boundary.set('memory', inputs.memory);
      this.runScope(copy, boundary, state);
      x = step.outSource ? this.valueAt(step.outSource, step.node.id, boundary, state) : undefined;
    }
    return x ? { out: x } : {};
  }

  private valueAt(source: PortRef, blockId: string | null, boundary: Map<string, Tensor>, state: ForwardState): Tensor | undefined {
    return source.node === blockId ? boundary.get(source.port) : state.values.get(source.node)?.[source.port];
  }
}
