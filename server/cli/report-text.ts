/** The human-readable parts of a design report: diagnostics, the node table, the totals. */
import type { DesignDocument, Diagnostic, Severity, TensorShape } from '../../lib/design/index.ts';
import type { DesignReport, NodeRow } from './design-report.ts';
import { compact, grouped, shapeText } from './format.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

/** "1 error, 2 warnings" (zero counts left out; "no problems" when all are zero). */
export function countsText(counts: Record<Severity, number>): string {
  const parts = SEVERITY_ORDER.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'no problems' : parts.join(', ');
}

/** Where a diagnostic points: `node "Label".port`, `edge e1`, or the design as a whole. */
export function diagnosticPlace(d: Diagnostic, labels: ReadonlyMap<string, string>): string {
  if (d.nodeId !== undefined) {
    const label = labels.get(d.nodeId);
    return `${d.nodeId}${d.port !== undefined ? `.${d.port}` : ''}${label !== undefined ? ` "${label}"` : ''}`;
  }
  if (d.edgeId !== undefined) return `edge ${d.edgeId}`;
  return 'design';
}

/** Node labels by id, for naming nodes in diagnostics. */
export function labelsOf(doc: DesignDocument): Map<string, string> {
  return new Map(doc.nodes.flatMap((n) => (n.label !== undefined ? [[n.id, n.label] as const] : [])));
}

/** Diagnostics, errors first: severity, code and place on one line; message and hint under them. */
export function diagnosticsText(diagnostics: readonly Diagnostic[], labels: ReadonlyMap<string, string>, style: Style): string {
  const paint: Record<Severity, (t: string) => string> = { error: style.red, warning: style.yellow, info: style.cyan };
  const sorted = [...diagnostics].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const width = Math.max(...sorted.map((d) => d.severity.length));
  const indent = ' '.repeat(2 + width + 2);
  return sorted
    .map((d) =>
      [
        `  ${paint[d.severity](d.severity.padEnd(width))}  ${style.bold(d.code)}  ${diagnosticPlace(d, labels)}`,
        `${indent}${d.message}`,
        `${indent}${style.dim(`hint: ${d.hint}`)}`,
      ].join('\n'),
    )
    .join('\n');
}

/** Shapes of a node's ports: the bare shape for a lone `in`/`out` port, else `port [shape]` each. */
export function portsText(ports: Record<string, TensorShape>, lone: string): string {
  const entries = Object.entries(ports);
  if (entries.length === 1 && entries[0][0] === lone) return shapeText(entries[0][1].shape);
  // Residual inputs usually agree: "residual, sublayer [16, 12, 32]".
  const shapes = new Set(entries.map(([, s]) => shapeText(s.shape)));
  if (entries.length > 1 && shapes.size === 1) return `${entries.map(([port]) => port).join(', ')} ${[...shapes][0]}`;
  return entries.map(([port, s]) => `${port} ${shapeText(s.shape)}`).join(', ');
}

function typeText(row: NodeRow): string {
  return row.block ? `${row.block.kind} block ×${row.block.repeat}` : row.type;
}

/** One row per node, children indented under their block: type, input and output shapes, parameters, FLOPs. */
export function nodeTable(rows: readonly NodeRow[], style: Style): string {
  return renderTable(
    [
      { header: 'node' },
      { header: 'type' },
      { header: 'input' },
      { header: 'output' },
      { header: 'params', align: 'right' },
      { header: 'FLOPs', align: 'right' },
    ],
    rows.map((r) => [
      '  '.repeat(r.depth) + r.id,
      typeText(r),
      portsText(r.inputs, 'in'),
      Object.keys(r.outputs).length > 0 ? portsText(r.outputs, 'out') : style.dim('?'),
      r.params === null ? style.dim('?') : grouped(r.params),
      r.flops === null ? style.dim('?') : compact(r.flops),
    ]),
    style,
  );
}

/** Parameters and FLOPs of the whole design, with a note on what they cover. */
export function totalsText(report: DesignReport, batchSize: number, style: Style): string {
  const { total, uncounted } = report.cost;
  const lines = [
    `  ${style.bold('parameters')}  ${grouped(total.params)} (${compact(total.params)})`,
    `  ${style.bold('FLOPs')}       ${grouped(total.flops)} (${compact(total.flops)}) per forward pass on the sample batch of ${batchSize}`,
  ];
  if (uncounted.length > 0) {
    lines.push(style.dim(`  not counted (shapes unknown): ${uncounted.join(', ')}`));
  }
  return lines.join('\n');
}

/** A section title. */
export function heading(title: string, style: Style): string {
  return style.bold(title);
}
