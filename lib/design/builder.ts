import type { NodesAndEdges } from './blocks.ts';
import { defaultParams } from './catalog/index.ts';
import { FORMAT_VERSION, type DesignDocument, type DesignEdge, type DesignNode, type DesignSettings, type Position } from './document.ts';
import { parseDesignDocument } from './parse.ts';

export interface NodeExtras {
  label?: string;
  parentId?: string;
}

type SettingsPatch = Partial<Omit<DesignSettings, 'training'>> & { training?: Partial<DesignSettings['training']> };

/**
 * Assembles a document in code (templates, tests, benchmarks). Endpoints are
 * written 'node.port', split at the last dot. `build()` parses the result, so
 * a builder can only produce documents the editor would load; it throws on a
 * mistake because a bad template is a programming error.
 */
export class DesignBuilder {
  private readonly nodes: DesignNode[] = [];
  private readonly edges: DesignEdge[] = [];
  private settingsPatch: SettingsPatch = {};

  /** Adds a node with the type's default params overridden by `params`; returns its id. */
  node(id: string, type: string, params: Record<string, unknown> = {}, position: Position = { x: 0, y: 0 }, extras: NodeExtras = {}): string {
    const node: DesignNode = { id, type, params: { ...defaultParams(type), ...params }, position: { ...position } };
    if (extras.label !== undefined) node.label = extras.label;
    if (extras.parentId !== undefined) node.parentId = extras.parentId;
    this.nodes.push(node);
    return id;
  }

  /** Connects 'node.port' to 'node.port'; returns the edge id. */
  edge(from: string, to: string, id = `e${this.edges.length + 1}`): string {
    this.edges.push({ id, source: endpoint(from), target: endpoint(to) });
    return id;
  }

  /** Adds prepared nodes and edges, such as a block from encoderBlockNodes. */
  add(part: NodesAndEdges): this {
    this.nodes.push(...part.nodes);
    this.edges.push(...part.edges);
    return this;
  }

  settings(patch: SettingsPatch): this {
    this.settingsPatch = { ...this.settingsPatch, ...patch, training: { ...this.settingsPatch.training, ...patch.training } };
    return this;
  }

  /** The document, checked by parseDesignDocument. */
  build(): DesignDocument {
    const parsed = parseDesignDocument({
      formatVersion: FORMAT_VERSION,
      nodes: this.nodes,
      edges: this.edges,
      settings: this.settingsPatch,
      comments: [],
    });
    if (!parsed.ok) throw new Error(`DesignBuilder: ${parsed.message}`);
    return parsed.doc;
  }
}

function endpoint(ref: string): { node: string; port: string } {
  const dot = ref.lastIndexOf('.');
  if (dot <= 0) throw new Error(`DesignBuilder: '${ref}' is not 'node.port'`);
  return { node: ref.slice(0, dot), port: ref.slice(dot + 1) };
}
