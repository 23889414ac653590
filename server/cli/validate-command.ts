/** `multihead validate FILE`: diagnostics, shapes, parameters and FLOPs of a design file. */
import type { DesignDocument } from '../../lib/design/index.ts';
import { reportDesign, type DesignReport } from './design-report.ts';
import { ExitCode } from './exit-code.ts';
import type { CliIo } from './io.ts';
import { readDesignFile, type DesignFileError } from './read-design.ts';
import { countsText, diagnosticsText, labelsOf, nodeTable, totalsText } from './report-text.ts';
import type { Style } from './style.ts';

/** Reads a design file, reporting a failure (as text, or as JSON too) and returning null. */
export async function loadOrReport(file: string, json: boolean, io: CliIo): Promise<DesignDocument | null> {
  const read = await readDesignFile(file, io);
  if (read.ok) return read.doc;
  io.stderr(`${read.message}\n`);
  if (json) io.stdout(`${JSON.stringify({ file, valid: false, error: fileErrorJson(read) }, null, 2)}\n`);
  return null;
}

function fileErrorJson({ code, message, path, line, column }: DesignFileError): DesignFileError {
  return { code, message, ...(path !== undefined && { path }), ...(line !== undefined && { line, column }) };
}

/** The machine-readable report (`--json`). */
export function reportJson(file: string, doc: DesignDocument, report: DesignReport): object {
  const labels = labelsOf(doc);
  const { validation, cost, counts } = report;
  const costOf = (key: 'params' | 'flops') => Object.fromEntries(Object.entries(cost.nodes).map(([id, c]) => [id, c[key]]));
  return {
    file,
    valid: validation.ok,
    summary: { errors: counts.error, warnings: counts.warning, infos: counts.info },
    diagnostics: validation.diagnostics.map((d) => (d.nodeId !== undefined && labels.has(d.nodeId) ? { ...d, label: labels.get(d.nodeId) } : d)),
    shapes: { nodes: validation.nodes, edges: validation.edges },
    params: { total: cost.total.params, nodes: costOf('params') },
    flops: { total: cost.total.flops, batchSize: doc.settings.batchSize, nodes: costOf('flops') },
    uncounted: cost.uncounted,
  };
}

/** The person's report: node table, totals, diagnostics, and a verdict on the last line. */
export function reportText(file: string, doc: DesignDocument, report: DesignReport, style: Style): string {
  const { validation, counts, rows } = report;
  const parts = [style.bold(`Nodes (${doc.nodes.length})`)];
  if (rows.length > 0) parts.push(nodeTable(rows, style));
  if (rows.some((r) => r.block && r.block.repeat > 1)) {
    parts.push(style.dim('  Layers inside a block show one copy; the block\'s row counts all its copies.'));
  }
  parts.push('', totalsText(report, doc.settings.batchSize, style));
  if (validation.diagnostics.length > 0) {
    parts.push('', style.bold(`Diagnostics (${countsText(counts)})`), diagnosticsText(validation.diagnostics, labelsOf(doc), style));
  }
  parts.push('', verdict(file, report, style));
  return parts.join('\n') + '\n';
}

/** "✓ t.json: valid (2 warnings)" or "✗ t.json: 1 error, 2 warnings". */
export function verdict(file: string, report: DesignReport, style: Style): string {
  const { counts } = report;
  if (report.validation.ok) {
    const extra = counts.warning + counts.info > 0 ? ` (${countsText(counts)})` : '';
    return style.green(`✓ ${file}: valid`) + extra;
  }
  return style.red(`✗ ${file}: ${countsText(counts)}`);
}

/** Runs `validate`; exit 0 when valid (warnings allowed), 1 on errors, 2 when the file is unusable. */
export async function validateCommand(options: { file: string; json: boolean }, io: CliIo, style: Style): Promise<ExitCode> {
  const doc = await loadOrReport(options.file, options.json, io);
  if (!doc) return ExitCode.usage;
  const report = reportDesign(doc);
  io.stdout(options.json ? `${JSON.stringify(reportJson(options.file, doc, report), null, 2)}\n` : reportText(options.file, doc, report, style));
  return report.validation.ok ? ExitCode.ok : ExitCode.invalid;
}
