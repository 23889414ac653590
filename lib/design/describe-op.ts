import { BLOCK_TYPE, catalogEntry } from './catalog/index.ts';
import type { DesignState, LoggedOp } from './design-state.ts';
import type { DesignDocument, DesignNode } from './document.ts';

/** How a node is called in a sentence: its catalog title, with its label when it has one. */
export function nodeTitle(node: DesignNode): string {
  if (node.type === BLOCK_TYPE) {
    if (node.label) return node.label;
    const kind = String(node.params.kind ?? 'custom');
    return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} block`;
  }
  const name = catalogEntry(node.type)?.displayName ?? node.type;
  return node.label ? `${name} “${node.label}”` : name;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** “a”, “a and b”, “a, b and c”. */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function changes(patch: Record<string, unknown>): string {
  const entries = Object.entries(patch).flatMap(([k, v]) =>
    k === 'training' && typeof v === 'object' && v !== null ? Object.entries(v).map(([tk, tv]) => [tk, tv] as const) : [[k, v] as const],
  );
  return list(entries.map(([k, v]) => `${k} to ${formatValue(v)}`));
}

/**
 * One short sentence for a person reading the history: what an op did, told
 * with the names the nodes had just before it (`before`). `version` is the
 * version the op produced; it tells a fork's first op from a restore.
 */
export function describeOp(op: LoggedOp, before: DesignState, version: number): string {
  const doc: DesignDocument = before.doc;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const name = (id: string): string => {
    const node = byId.get(id);
    return node ? nodeTitle(node) : 'a layer';
  };
  const names = (ids: readonly string[], noun: string, nouns: string): string =>
    ids.length === 1 ? name(ids[0]) : count(ids.length, noun, nouns);

  switch (op.type) {
    case 'addNode':
      return `Added ${nodeTitle({ ...op.node, params: op.node.params ?? {} })}`;
    case 'addNodes': {
      if (op.nodes.length === 1 && op.edges.length === 0) return `Added ${nodeTitle({ ...op.nodes[0], params: op.nodes[0].params ?? {} })}`;
      const parts = [count(op.nodes.length, 'layer', 'layers')];
      if (op.edges.length > 0) parts.push(count(op.edges.length, 'connection', 'connections'));
      return `Added ${list(parts)}`;
    }
    case 'removeNodes':
      return `Deleted ${names(op.ids, 'layer', 'layers')}`;
    case 'moveNodes':
      return `Moved ${names(op.moves.map((m) => m.id), 'layer', 'layers')}`;
    case 'setParams':
      return Object.keys(op.params).length === 0 ? `Changed ${name(op.id)}` : `Changed ${changes(op.params)} on ${name(op.id)}`;
    case 'connect':
      return `Connected ${name(op.edge.source.node)} → ${name(op.edge.target.node)}`;
    case 'disconnect': {
      const edge = doc.edges.find((e) => e.id === op.id);
      return edge ? `Disconnected ${name(edge.source.node)} → ${name(edge.target.node)}` : 'Removed a connection';
    }
    case 'renameNode':
      return op.label === null ? `Removed the label of ${name(op.id)}` : `Labelled ${name(op.id)} “${op.label}”`;
    case 'groupIntoBlock': {
      const kind = op.kind ?? 'custom';
      const what = op.label ? `block “${op.label}”` : `${kind === 'custom' ? 'a' : `an ${kind}`} block`;
      return `Grouped ${names(op.nodeIds, 'layer', 'layers')} into ${what}`;
    }
    case 'ungroup':
      return `Ungrouped ${name(op.id)}`;
    case 'restoreBlock':
      return `Brought back ${nodeTitle(op.block)}`;
    case 'setBlockRepeat':
      return `Set ${name(op.id)} to repeat ×${op.repeat}`;
    case 'setBlockCollapsed':
      return `${op.collapsed ? 'Collapsed' : 'Expanded'} ${name(op.id)}`;
    case 'setSettings':
      return `Changed the settings: ${changes(op.settings)}`;
    case 'addComment':
      return op.comment.nodeId ? `Commented on ${name(op.comment.nodeId)}` : 'Commented on the design';
    case 'replyComment':
      return `Replied to a comment`;
    case 'resolveComment':
      return op.resolved ? 'Resolved a comment' : 'Reopened a comment';
    case 'deleteComment':
      return 'Deleted a comment';
    case 'deleteReply':
      return 'Deleted a reply';
    case 'renameDesign':
      return `Renamed the design to “${op.title}”`;
    case 'restoreVersion':
      if (op.fromVersion < 0) return 'Replaced the whole design';
      // A design cannot restore a version it does not have yet: this is where a fork starts.
      if (op.fromVersion >= version) return `Forked from version ${op.fromVersion} of another design`;
      return `Restored version ${op.fromVersion}`;
  }
}
