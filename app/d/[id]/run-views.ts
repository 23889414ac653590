import type { AttentionMap, RunResult } from '@/lib/compile/run';
import type { OutputStats } from '@/lib/compile/output-stats';
import type { DesignDocument, DesignNode } from '@/lib/design/document';

/** What the Run panel shows of a run result, derived as plain data. */

const INPUT_TYPES = new Set(['token-input', 'series-input']);
const BLOCK_TYPE = 'block';

/** One output port of one node, with its stats. */
export interface NodeStatRow {
  nodeId: string;
  label: string;
  port: string;
  stats: OutputStats;
}

/** Every node's outputs in the design's order (blocks and nodes deleted since the run are left out). */
export function nodeStatRows(doc: DesignDocument, result: RunResult): NodeStatRow[] {
  const rows: NodeStatRow[] = [];
  for (const node of doc.nodes) {
    const outputs = result.nodes[node.id]?.outputs;
    if (!outputs || node.type === BLOCK_TYPE) continue;
    for (const [port, stats] of Object.entries(outputs)) rows.push({ nodeId: node.id, label: node.label ?? node.id, port, stats });
  }
  return rows;
}

/** How an attention map is offered in the layer picker: its node, and which copy of a repeated block. */
export function attentionChoiceLabel(map: AttentionMap, all: readonly AttentionMap[]): string {
  const copies = all.filter((m) => m.nodeId === map.nodeId).length;
  return copies > 1 ? `${map.label} · layer ${map.repeat + 1} of ${copies}` : map.label;
}

/** The attention node's params as they are now (causal, mode), or null when it was deleted since. */
export function attentionNode(doc: DesignDocument, map: AttentionMap): DesignNode | null {
  return doc.nodes.find((n) => n.id === map.nodeId) ?? null;
}

/**
 * The input node whose values reach an attention node's queries (its `in`
 * port) or keys (its `memory` port in cross-attention, else `in`), walking
 * edges upstream and through block boundaries port by port; the nearest wins.
 */
export function inputFeeding(doc: DesignDocument, nodeId: string, side: 'queries' | 'keys'): string | null {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const start = byId.get(nodeId);
  if (!start) return null;
  const startPort = side === 'keys' && start.params.mode === 'cross' ? 'memory' : 'in';
  type Step = { node: string; port: string | null; from: 'inside' | 'outside' | 'any' };
  const queue: Step[] = [{ node: nodeId, port: startPort, from: 'any' }];
  const seen = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    const { node, port, from } = queue[i];
    const key = `${node}|${port}|${from}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const edge of doc.edges) {
      if (edge.target.node !== node || (port !== null && edge.target.port !== port)) continue;
      const source = byId.get(edge.source.node);
      if (!source) continue;
      const sourceInside = source.parentId === node;
      if ((from === 'inside' && !sourceInside) || (from === 'outside' && sourceInside)) continue;
      if (INPUT_TYPES.has(source.type)) return source.id;
      const target = byId.get(edge.target.node);
      if (source.type === BLOCK_TYPE && target?.parentId === source.id) {
        // Entering from the block's inner handle: continue outside, at the same port.
        queue.push({ node: source.id, port: edge.source.port, from: 'outside' });
      } else if (source.type === BLOCK_TYPE) {
        // The block's output: continue inside, from what feeds its out.
        queue.push({ node: source.id, port: edge.source.port, from: 'inside' });
      } else {
        queue.push({ node: source.id, port: null, from: 'any' });
      }
    }
  }
  return null;
}

/** Axis labels for `length` positions: sample 0's token ids when a token input feeds them, else positions. */
export function positionLabels(doc: DesignDocument, result: RunResult, inputId: string | null, length: number): string[] {
  const rows = inputId ? result.sampleInputs[inputId] : undefined;
  const input = inputId ? doc.nodes.find((n) => n.id === inputId) : undefined;
  const sample = rows?.[0];
  if (input?.type === 'token-input' && Array.isArray(sample) && sample.length === length && sample.every((v) => typeof v === 'number')) {
    return (sample as number[]).map(String);
  }
  return Array.from({ length }, (_, t) => `t${t}`);
}

/** How many weights of a head are exactly 0 (masked: causal or padding) out of all. */
export function maskedCells(weights: readonly (readonly number[])[]): { masked: number; total: number } {
  let masked = 0;
  let total = 0;
  for (const row of weights) {
    for (const v of row) {
      total++;
      if (v === 0) masked++;
    }
  }
  return { masked, total };
}

/** The smallest and largest finite value of a matrix ([0, 0] when empty). */
export function valueRange(matrix: readonly (readonly number[])[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const row of matrix) {
    for (const v of row) {
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? [min, max] : [0, 0];
}

/** A stat compactly: 3 significant digits, a true minus sign. */
export function formatStat(v: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  const text = abs >= 1e4 || abs < 1e-3 ? v.toExponential(1) : v.toPrecision(3);
  return text.replaceAll('-', '−');
}
