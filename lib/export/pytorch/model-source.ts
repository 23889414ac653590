import type { BlockParams } from '../../design/catalog/block.ts';
import type { DesignNode, PortRef } from '../../design/document.ts';
import { portKey } from '../../design/graph.ts';
import type { CompiledModel, ModelInput } from '../../compile/index.ts';
import { scopeModuleNames } from '../../compile/index.ts';
import { modelOutputs } from '../model-outputs.ts';
import { PYTHON_LAYERS, type PythonLayer } from './python-layers.ts';
import { blockClassName, pyString, pyValue, uniqueIdentifiers } from './python-names.ts';
import { MODEL_PY_MAIN, MODEL_PY_PRELUDE } from './python-main.ts';

/**
 * Generates model.py for a compiled design: a torch.nn.Module that mirrors
 * the design node for node. `self.nodes` is an nn.ModuleDict keyed by the
 * compiler's module names (lib/compile/naming.ts), a block is a class whose
 * `layers` is an nn.ModuleList of nn.ModuleDicts, one per copy, so that
 * `state_dict()` keys are exactly the compiled model's (plus the aliases of
 * tied matrices). `forward` runs the nodes in the validator's order, one
 * readable line per node.
 */
export function modelSource(model: CompiledModel, title: string): string {
  return new ModelWriter(model).write(title);
}

interface Scope {
  blockId: string | null;
  members: DesignNode[];
  /** Module name per node id (the ModuleDict key). */
  names: Map<string, string>;
  /** Python variable per node id. */
  vars: Map<string, string>;
}

const INPUT_TYPES = new Set(['token-input', 'series-input']);

class ModelWriter {
  private readonly used = new Set<PythonLayer>();
  private readonly classes: string[] = [];
  private readonly byId: Map<string, DesignNode>;
  private readonly edgeInto = new Map<string, PortRef>();
  private readonly children = new Map<string | null, DesignNode[]>();
  private readonly classNames: Map<string, string>;
  private causal = false;

  constructor(private readonly model: CompiledModel) {
    const { doc } = model;
    this.byId = new Map(doc.nodes.map((n) => [n.id, n]));
    for (const edge of doc.edges) this.edgeInto.set(portKey(edge.target), edge.source);
    for (const node of doc.nodes) {
      const scope = node.parentId ?? null;
      this.children.set(scope, [...(this.children.get(scope) ?? []), node]);
    }
    const blocks = doc.nodes.filter((n) => n.type === 'block');
    const classNames = uniqueIdentifiers(blocks.map((b) => blockClassName(b.id)), ['Model', ...Object.keys(PYTHON_LAYERS)]);
    this.classNames = new Map(blocks.map((b) => [b.id, classNames.get(blockClassName(b.id))!]));
  }

  write(title: string): string {
    const root = this.scope(null, this.model.inputs.map((i) => i.nodeId));
    const outputs = modelOutputs(this.model.doc, this.model.validation);
    const modelClass = this.modelClass(root, outputs, title);
    // Blocks were written inside out while walking, so each class precedes its first use.
    const helpers = [...this.used].sort().map((name) => PYTHON_LAYERS[name]);
    if (this.causal) helpers.unshift(CAUSAL_MASK);
    const config = {
      inputs: this.model.inputs.map(pythonInput),
      outputs,
    };
    return [
      MODEL_PY_PRELUDE(title),
      ...helpers,
      ...this.classes,
      modelClass,
      `MODEL_INPUTS = ${pyJson(config.inputs)}\nMODEL_OUTPUTS = ${pyJson(outputs)}\n`,
      MODEL_PY_MAIN,
    ].join('\n\n\n');
  }

  private scope(blockId: string | null, inputIds: string[] = []): Scope {
    const members = this.children.get(blockId) ?? [];
    const names = scopeModuleNames(members, blockId);
    const taken = blockId === null ? [] : ['x', 'memory'];
    const inputs = members.filter((n) => INPUT_TYPES.has(n.type)).map((n) => n.id);
    const order = [...inputIds.filter((id) => inputs.includes(id)), ...members.map((n) => n.id).filter((id) => !inputIds.includes(id))];
    const idents = uniqueIdentifiers(order.map((id) => names.get(id)!), taken);
    const vars = new Map(order.map((id) => [id, idents.get(names.get(id)!)!]));
    return { blockId, members, names, vars };
  }

  private modelClass(root: Scope, outputs: string[], title: string): string {
    const args = this.model.inputs.map((i) => root.vars.get(i.nodeId)!);
    const lines = [
      'class Model(nn.Module):',
      `    """${docText(title)}, exported from Multihead.`,
      '',
      `    forward(${args.join(', ')}) takes ${this.model.inputs.map(inputText).join('; ')}`,
      `    and returns ${outputs.length === 1 ? `the output of '${outputs[0]}'` : `a dict of the outputs of ${outputs.map((o) => `'${o}'`).join(', ')}`}.`,
      '    """',
      '',
      '    def __init__(self):',
      '        super().__init__()',
      ...this.moduleDict(root, 'self.nodes', 8),
      ...this.ties().map((line) => `        ${line}`),
      '',
      `    def forward(self, ${args.join(', ')}):`,
      '        n = self.nodes',
      ...this.statements(root, 8),
    ];
    const result =
      outputs.length === 1
        ? `return ${root.vars.get(outputs[0])}`
        : `return {${outputs.map((id) => `${pyString(id)}: ${root.vars.get(id)}`).join(', ')}}`;
    lines.push(`        ${result}`);
    return lines.join('\n');
  }

  /** `target = nn.ModuleDict({...})` for a scope's layers, in document order (the state_dict order). */
  private moduleDict(scope: Scope, target: string, indent: number): string[] {
    const pad = ' '.repeat(indent);
    const entries = scope.members.filter((n) => !INPUT_TYPES.has(n.type));
    if (entries.length === 0) return [`${pad}${target} = nn.ModuleDict()`];
    return [
      `${pad}${target} = nn.ModuleDict({`,
      ...entries.map((n) => `${pad}    ${pyString(scope.names.get(n.id)!)}: ${this.constructorOf(n)},`),
      `${pad}})`,
    ];
  }

  /** Tied matrices, as PyTorch ties them: after construction, the very same Parameter. */
  private ties(): string[] {
    const lines: string[] = [];
    for (const node of this.model.doc.nodes) {
      const owner = node.type === 'token-embedding' ? node.params.sharedWith : node.type === 'lm-head' ? node.params.tiedTo : null;
      if (typeof owner !== 'string') continue;
      const ownerPath = this.model.instancesOf(owner)[0]?.path;
      if (!ownerPath) continue;
      if (lines.length === 0) lines.push('# Tied weights: one matrix, listed under both names in state_dict().');
      for (const instance of this.model.instancesOf(node.id)) lines.push(`${moduleExpression(instance.path)}.weight = ${moduleExpression(ownerPath)}.weight`);
    }
    return lines;
  }

  private width(node: DesignNode, port = 'in'): number {
    const shape = this.model.validation.nodes[node.id]?.inputs[port]?.shape;
    if (!shape) throw new Error(`no inferred shape on '${node.id}'.${port}`);
    return shape[shape.length - 1];
  }

  private use(layer: PythonLayer, args: string): string {
    this.used.add(layer);
    return `${layer}(${args})`;
  }

  /** The Python expression building a node's module. */
  private constructorOf(node: DesignNode): string {
    const p = node.params;
    const v = (value: unknown) => pyValue(value as number | boolean);
    switch (node.type) {
      case 'block':
        return `${this.blockClass(node)}()`;
      case 'padding-mask':
        return this.use('PaddingMask', v(p.padId));
      case 'token-embedding':
        return p.scale ? this.use('ScaledEmbedding', `${v(p.vocab)}, ${v(p.dModel)}`) : `nn.Embedding(${v(p.vocab)}, ${v(p.dModel)})`;
      case 'positional-encoding':
        if (p.kind === 'sinusoidal') return this.use('SinusoidalEncoding', `${this.width(node)}, ${v(p.maxLen)}`);
        if (p.kind === 'learned') return this.use('LearnedPositions', `${v(p.maxLen)}, ${this.width(node)}`);
        return 'nn.Identity()';
      case 'multi-head-attention': {
        const args = `${this.width(node)}, ${v(p.heads)}, dropout=${v(p.dropout)}, bias=${v(p.bias)}`;
        if (p.headMerge === 'mean') return this.use('MeanHeadAttention', args);
        if (!p.bias) return this.use('BiasFreeAttention', `${this.width(node)}, ${v(p.heads)}, dropout=${v(p.dropout)}`);
        return `nn.MultiheadAttention(${args}, batch_first=True)`;
      }
      case 'add':
        return this.use('Residual', v(p.dropout));
      case 'add-norm':
        return this.use('AddNorm', `${this.width(node, 'residual')}, eps=${v(p.eps)}, dropout=${v(p.dropout)}`);
      case 'layer-norm':
        return `nn.LayerNorm(${this.width(node)}, eps=${v(p.eps)})`;
      case 'feed-forward':
        return this.use('FeedForward', `${this.width(node)}, ${v(p.dFF)}, ${pyString(p.activation as string)}, dropout=${v(p.dropout)}, bias=${v(p.bias)}`);
      case 'dropout':
        return `nn.Dropout(${v(p.p)})`;
      case 'linear':
        return `nn.Linear(${this.width(node)}, ${v(p.outFeatures)}, bias=${v(p.bias)})`;
      case 'softmax':
        return 'nn.Softmax(dim=-1)';
      case 'lm-head':
        return `nn.Linear(${this.width(node)}, ${v(p.vocab)}, bias=${v(p.bias)})`;
      case 'classification-head':
        return this.use('ClassificationHead', `${this.width(node)}, ${v(p.classes)}, ${pyString(p.pooling as string)}`);
      case 'regression-head':
        return this.use('RegressionHead', `${this.width(node)}, horizon=${v(p.horizon)}, outputs=${v(p.outputs)}`);
      case 'recurrent': {
        const cell = p.cell === 'gru' ? 'nn.GRU' : 'nn.LSTM';
        return `${cell}(${this.width(node)}, ${v(p.hidden)}, num_layers=${v(p.layers)}, bias=${v(p.bias)}, batch_first=True, dropout=${v(p.dropout)})`;
      }
      default:
        throw new Error(`the PyTorch exporter does not know node type '${node.type}'`);
    }
  }

  /** Writes the class of a block (its inside first) and returns its name. */
  private blockClass(node: DesignNode): string {
    const name = this.classNames.get(node.id)!;
    const scope = this.scope(node.id);
    const { repeat, kind } = node.params as BlockParams;
    const outSource = this.edgeInto.get(portKey({ node: node.id, port: 'out' }));
    const build = this.moduleDict(scope, 'layer', 8);
    const body = this.statements(scope, 12);
    const lines = [
      `class ${name}(nn.Module):`,
      `    """Block '${docText(node.label ?? node.id)}' (${kind} x${repeat}): each copy in \`layers\` has its own weights."""`,
      '',
      '    def __init__(self):',
      '        super().__init__()',
      `        self.layers = nn.ModuleList(self.copy() for _ in range(${repeat}))`,
      '',
      '    @staticmethod',
      '    def copy():',
      ...build,
      '        return layer',
      '',
      '    def forward(self, x, memory=None):',
      '        for n in self.layers:',
      ...body,
      `            x = ${outSource ? this.valueOf(outSource, scope) : 'None'}`,
      '        return x',
    ];
    this.classes.push(lines.join('\n'));
    return name;
  }

  /** The Python expression of the value on an output port. */
  private valueOf(source: PortRef, scope: Scope): string {
    if (source.node === scope.blockId) return source.port === 'memory' ? 'memory' : 'x';
    const name = scope.vars.get(source.node);
    if (!name) throw new Error(`'${source.node}' is not in the scope of the node reading it`);
    return name;
  }

  /** One line per node of a scope, in execution order. */
  private statements(scope: Scope, indent: number): string[] {
    const order = scope.blockId === null ? this.model.validation.order.root : this.model.validation.order.blocks[scope.blockId];
    const lines: string[] = [];
    for (const id of order) {
      const node = this.byId.get(id)!;
      if (INPUT_TYPES.has(node.type)) continue;
      const input = (port: string) => {
        const source = this.edgeInto.get(portKey({ node: id, port }));
        return source ? this.valueOf(source, scope) : null;
      };
      const call = `n[${pyString(scope.names.get(id)!)}]`;
      lines.push(`${' '.repeat(indent)}${scope.vars.get(id)} = ${this.callOf(node, call, input)}`);
    }
    return lines;
  }

  private callOf(node: DesignNode, call: string, input: (port: string) => string | null): string {
    const x = input('in') ?? 'None';
    switch (node.type) {
      case 'block': {
        const memory = input('memory');
        return `${call}(${x}${memory ? `, ${memory}` : ''})`;
      }
      case 'multi-head-attention': {
        const keys = node.params.mode === 'cross' ? (input('memory') ?? 'None') : x;
        const options = ['need_weights=False'];
        if (node.params.causal) {
          this.causal = true;
          options.push(`attn_mask=causal_mask(${x}, ${keys})`);
        }
        const pad = input('padMask');
        if (pad) options.push(`key_padding_mask=${pad}`);
        return `${call}(${x}, ${keys}, ${keys}, ${options.join(', ')})[0]`;
      }
      case 'add':
      case 'add-norm':
        return `${call}(${input('residual')}, ${input('sublayer')})`;
      case 'recurrent':
        return `${call}(${x})[0]`;
      default:
        return `${call}(${x})`;
    }
  }
}

const CAUSAL_MASK = `def causal_mask(query, key):
    """True above the diagonal: query position i may not attend to key positions after i."""
    return torch.ones(query.size(1), key.size(1), dtype=torch.bool, device=query.device).triu(1)`;

/** `nodes.encoder.layers.1.selfAttn` → `self.nodes['encoder'].layers[1]['selfAttn']`. */
function moduleExpression(path: string): string {
  const parts = path.split('.');
  let expr = `self.nodes[${pyString(parts[1])}]`;
  for (let k = 2; k < parts.length; k += 3) expr += `.layers[${parts[k + 1]}][${pyString(parts[k + 2])}]`;
  return expr;
}

function pythonInput(input: ModelInput): Record<string, unknown> {
  return input.kind === 'tokens'
    ? { name: input.nodeId, kind: 'tokens', vocab: input.vocab, seq_len: input.seqLen }
    : { name: input.nodeId, kind: 'series', features: input.features, seq_len: input.seqLen };
}

function inputText(input: ModelInput): string {
  return input.kind === 'tokens'
    ? `'${input.nodeId}': token ids [batch, seq] (int64, below ${input.vocab})`
    : `'${input.nodeId}': values [batch, seq, ${input.features}] (float32)`;
}

/** Text safe inside a Python docstring. */
function docText(text: string): string {
  return text.replaceAll('\\', '/').replaceAll('"""', "'''");
}

/** JSON is valid Python for these values (no true/false/null in them). */
function pyJson(value: unknown): string {
  return JSON.stringify(value, null, 4);
}
