import type { DesignEdge, DesignNode } from './document.ts';
import { BLOCK_TYPE, findPort, type PortKind, type PortSpec } from './catalog/index.ts';
import { placeEdge, portKey, type DesignIndex, type EdgePlacement } from './graph.ts';

export type ConnectionCode =
  | 'unknown-node'
  | 'unknown-port'
  | 'cross-scope'
  | 'input-to-input'
  | 'output-to-output'
  | 'reversed-edge'
  | 'bad-edge'
  | 'cycle'
  | 'incompatible-ports'
  | 'input-taken';

export interface ConnectionRefusal {
  ok: false;
  code: ConnectionCode;
  message: string;
}

/** An edge whose ends exist and point the right way. */
export interface ResolvedEdge {
  ok: true;
  placement: EdgePlacement;
  sourcePort: PortSpec;
  targetPort: PortSpec;
  /** The kind of value the source delivers. */
  provides: PortKind;
  /** The kinds the target takes. */
  accepts: readonly PortKind[];
}

function refuse(code: ConnectionCode, message: string): ConnectionRefusal {
  return { ok: false, code, message };
}

const describe = (node: DesignNode, port: string) => `${node.id}.${port}`;

/**
 * Resolves an edge's ends and checks its direction. A block's ports flip
 * when seen from inside: its `in` and `memory` feed its children and its
 * `out` receives from one of them.
 */
export function resolveEdge(ix: DesignIndex, edge: DesignEdge): ResolvedEdge | ConnectionRefusal {
  const source = ix.nodes.get(edge.source.node);
  const target = ix.nodes.get(edge.target.node);
  if (!source) return refuse('unknown-node', `edge '${edge.id}': there is no node '${edge.source.node}'`);
  if (!target) return refuse('unknown-node', `edge '${edge.id}': there is no node '${edge.target.node}'`);
  if (source.id === target.id) {
    if (source.type === BLOCK_TYPE && edge.target.port === 'out' && edge.source.port !== 'out') {
      return refuse('bad-edge', `edge '${edge.id}': a block's input cannot be wired straight to its output; put a layer between them`);
    }
    return refuse('cycle', `edge '${edge.id}': '${source.id}' cannot feed itself`);
  }
  const placement = placeEdge(source, target);
  if (!placement) {
    return refuse(
      'cross-scope',
      `edge '${edge.id}': '${source.id}' and '${target.id}' are in different blocks; connect through the block's in, memory and out ports`,
    );
  }
  const sourcePort = findPort(source, edge.source.port);
  if (!sourcePort) return refuse('unknown-port', `edge '${edge.id}': '${source.id}' has no port '${edge.source.port}'`);
  const targetPort = findPort(target, edge.target.port);
  if (!targetPort) return refuse('unknown-port', `edge '${edge.id}': '${target.id}' has no port '${edge.target.port}'`);

  const flip = (d: 'in' | 'out') => (d === 'in' ? 'out' : 'in');
  const sourceRole = placement.kind === 'enter' ? flip(sourcePort.direction) : sourcePort.direction;
  const targetRole = placement.kind === 'leave' ? flip(targetPort.direction) : targetPort.direction;
  const from = describe(source, sourcePort.name);
  const to = describe(target, targetPort.name);
  if (sourceRole === 'in' && targetRole === 'in') return refuse('input-to-input', `${from} and ${to} are both inputs`);
  if (sourceRole === 'out' && targetRole === 'out') return refuse('output-to-output', `${from} and ${to} are both outputs`);
  if (sourceRole === 'in') return refuse('reversed-edge', `${from} is an input and ${to} an output: connect from ${to} to ${from}`);

  // Seen from inside, a block hands on and receives sequences.
  const provides: PortKind = placement.kind === 'enter' ? 'sequence' : sourcePort.kind;
  const accepts: readonly PortKind[] = placement.kind === 'leave' ? ['sequence'] : (targetPort.accepts ?? [targetPort.kind]);
  return { ok: true, placement, sourcePort, targetPort, provides, accepts };
}

/**
 * Every rule an edge must meet to be added, except acyclicity (checked on
 * the whole candidate document): resolvable, kinds compatible, and the
 * target input not already taken by another edge.
 */
export function connectionProblem(ix: DesignIndex, edge: DesignEdge): ConnectionRefusal | null {
  const resolved = resolveEdge(ix, edge);
  if (!resolved.ok) return resolved;
  if (!resolved.accepts.includes(resolved.provides)) {
    return refuse(
      'incompatible-ports',
      `${edge.source.node}.${edge.source.port} delivers ${resolved.provides} but ${edge.target.node}.${edge.target.port} takes ${resolved.accepts.join(' or ')}`,
    );
  }
  const taken = (ix.edgesByTarget.get(portKey(edge.target)) ?? []).find((e) => e.id !== edge.id);
  if (taken) {
    return refuse('input-taken', `${edge.target.node}.${edge.target.port} is already fed by edge '${taken.id}'; disconnect it first`);
  }
  return null;
}
