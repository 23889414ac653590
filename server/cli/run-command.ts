/** `multihead run FILE`: validate, then one forward pass on a sample batch, summarised. */
import { runSample, type RunResult } from '../../lib/compile/index.ts';
import type { DesignDocument } from '../../lib/design/index.ts';
import { summariseAttention, type AttentionSummary } from './attention-summary.ts';
import { reportDesign, type DesignReport } from './design-report.ts';
import { ExitCode } from './exit-code.ts';
import { compact, duration, grouped, shapeText, stat } from './format.ts';
import type { CliIo } from './io.ts';
import { countsText, diagnosticsText, labelsOf } from './report-text.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';
import { runInputsCommand } from './run-inputs.ts';
import { loadOrReport, reportJson, verdict } from './validate-command.ts';

/** What `run` was asked to do. */
export interface RunOptions {
  file: string;
  json: boolean;
  seed?: number;
  weights?: string;
  input?: string;
  out?: string;
}

/** Refusal codes that come from the design itself (exit 1); anything else is a failure of the runtime (exit 2). */
const DESIGN_REFUSALS = new Set(['invalid-design', 'too-large', 'unsupported']);

function attentionSummaries(doc: DesignDocument, result: RunResult): AttentionSummary[] {
  const modes = new Map(doc.nodes.map((n) => [n.id, n.params.mode]));
  return result.attention.map((map) => summariseAttention(map, modes.get(map.nodeId) !== 'cross'));
}

function outputsTable(report: DesignReport, result: RunResult, style: Style): string {
  const rows: string[][] = [];
  const nonFinite = Object.values(result.nodes).some((n) => Object.values(n.outputs).some((s) => s.nonFinite > 0));
  for (const row of report.rows) {
    for (const [port, s] of Object.entries(result.nodes[row.id]?.outputs ?? {})) {
      const cells = ['  '.repeat(row.depth) + row.id, port, shapeText(s.shape), stat(s.mean), stat(s.std), stat(s.min), stat(s.max)];
      if (nonFinite) cells.push(s.nonFinite > 0 ? style.red(grouped(s.nonFinite)) : '0');
      rows.push(cells);
    }
  }
  const columns = [
    { header: 'node' },
    { header: 'port' },
    { header: 'shape' },
    { header: 'mean', align: 'right' as const },
    { header: 'std', align: 'right' as const },
    { header: 'min', align: 'right' as const },
    { header: 'max', align: 'right' as const },
  ];
  if (nonFinite) columns.push({ header: 'NaN/∞', align: 'right' as const });
  return renderTable(columns, rows, style);
}

function attentionTable(summaries: readonly AttentionSummary[], style: Style): string {
  return renderTable(
    [
      { header: 'node' },
      { header: 'copy', align: 'right' },
      { header: 'heads', align: 'right' },
      { header: 'query×key' },
      { header: 'entropy / uniform', align: 'right' },
      { header: 'peak', align: 'right' },
      { header: 'future', align: 'right' },
    ],
    summaries.map((s) => [
      s.nodeId,
      String(s.repeat + 1),
      String(s.heads),
      `${s.queries}×${s.keys}`,
      `${s.entropy.toFixed(2)} / ${s.uniformEntropy.toFixed(2)}`,
      s.peak.toFixed(3),
      s.future === null ? style.dim('—') : s.future.toFixed(3),
    ]),
    style,
  );
}

function runText(file: string, doc: DesignDocument, report: DesignReport, result: RunResult, summaries: AttentionSummary[], style: Style): string {
  const parts = [style.bold(`Outputs (sample batch of ${result.batchSize}, seed ${result.seed}; eval mode)`), outputsTable(report, result, style)];
  if (report.rows.some((r) => r.block && r.block.repeat > 1)) parts.push(style.dim('  Inside a repeated block: the last copy\'s output.'));
  if (summaries.length > 0) {
    parts.push('', style.bold('Attention (sample 0, averaged over heads and queries)'), attentionTable(summaries, style));
    parts.push(style.dim('  entropy: nats per query row (uniform = ln keys); peak: mean largest weight; future: weight on later positions'));
  }
  if (result.positionalEncodings.length > 0) {
    parts.push('', style.bold('Positional encodings'));
    for (const pe of result.positionalEncodings) {
      let [min, max] = [Infinity, -Infinity];
      for (const row of pe.matrix) for (const v of row) [min, max] = [Math.min(min, v), Math.max(max, v)];
      parts.push(`  ${pe.nodeId}  ${pe.kind}  ${pe.matrix.length} positions × ${pe.matrix[0]?.length ?? 0} dims, values ${stat(min)} … ${stat(max)}`);
    }
  }
  parts.push(
    '',
    `  ${style.bold('parameters')}  ${grouped(result.params)} (${compact(result.params)})`,
    `  ${style.bold('FLOPs')}       ${grouped(result.flops)} (${compact(result.flops)}) per forward pass`,
    `  ${style.bold('elapsed')}     ${duration(result.elapsedMs)} (compile and forward pass)`,
  );
  const { diagnostics } = report.validation;
  if (diagnostics.length > 0) parts.push('', style.bold(`Diagnostics (${countsText(report.counts)})`), diagnosticsText(diagnostics, labelsOf(doc), style));
  const extra = diagnostics.length > 0 ? ` (${countsText(report.counts)})` : '';
  parts.push('', style.green(`✓ ${file}: ran in ${duration(result.elapsedMs)}`) + extra);
  return parts.join('\n') + '\n';
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Runs `run`: exit 0 after a forward pass, 1 when the design is refused (errors, too large), 2 for an unusable file. */
export async function runCommand(options: RunOptions, io: CliIo, style: Style): Promise<ExitCode> {
  const { file } = options;
  if (options.input !== undefined) return runInputsCommand({ ...options, input: options.input }, io);
  const doc = await loadOrReport(file, options.json, io);
  if (!doc) return ExitCode.usage;
  const report = reportDesign(doc);
  if (!report.validation.ok) {
    if (options.json) io.stdout(json({ ...reportJson(file, doc, report), ran: false, refusal: { code: 'invalid-design' } }));
    else io.stdout(`${style.bold(`Diagnostics (${countsText(report.counts)})`)}\n${diagnosticsText(report.validation.diagnostics, labelsOf(doc), style)}\n\n${verdict(file, report, style)}; fix the errors to run it\n`);
    return ExitCode.invalid;
  }
  const outcome = runSample(doc, options.seed === undefined ? {} : { seed: options.seed });
  if (!outcome.ok) {
    const designs = DESIGN_REFUSALS.has(outcome.code);
    io.stderr(`${file}: ${designs ? 'cannot run' : 'the run failed'} (${outcome.code}): ${outcome.message}\n`);
    if (options.json) io.stdout(json({ file, ran: false, refusal: { code: outcome.code, message: outcome.message } }));
    return designs ? ExitCode.invalid : ExitCode.usage;
  }
  const summaries = attentionSummaries(doc, outcome.result);
  if (options.json) {
    io.stdout(json({ file, ran: true, diagnostics: report.validation.diagnostics, ...outcome.result, attentionSummary: summaries }));
  } else {
    io.stdout(runText(file, doc, report, outcome.result, summaries, style));
  }
  return ExitCode.ok;
}
