/** `multihead grade ASSIGNMENT DESIGN [--json]`: the server's grading of a submission, on files. */
import { gradeDesign, type GradeProgress, type GradeReport } from '../../lib/grading/grade.ts';
import { ExitCode } from './exit-code.ts';
import type { CliIo } from './io.ts';
import { ProgressBar } from './progress-bar.ts';
import { readAssignmentFile } from './read-assignment.ts';
import { readDesignFile } from './read-design.ts';
import type { Style } from './style.ts';

/** What `grade` was asked to do. */
export interface GradeOptions {
  assignment: string;
  file: string;
  json: boolean;
}

/** Piped, a training test reports on stderr at every tenth of its steps. */
const PROGRESS_LINES = 10;

const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** The person's report: one block per test, then the total. */
export function gradeText(report: GradeReport, style: Style): string {
  const lines: string[] = [];
  for (const r of report.results) {
    const mark = r.passed ? style.green('✓ pass') : r.earned > 0 ? style.yellow('◐ part') : style.red('✗ fail');
    const hidden = r.visibility === 'hidden' ? style.dim(' (hidden)') : '';
    lines.push(`${mark}  ${style.bold(r.name)}${hidden}  ${points(r.earned)}/${points(r.points)}`);
    lines.push(`        ${r.detail}`);
    if (r.feedback) lines.push(`        ${style.dim(r.feedback)}`);
  }
  const passed = report.results.filter((r) => r.passed).length;
  lines.push('', style.bold(`Total: ${points(report.earned)}/${points(report.possible)}`) + ` (${passed} of ${report.results.length} tests passed)`);
  return `${lines.join('\n')}\n`;
}

/** Training progress on stderr: a bar on a terminal, a line per tenth of the steps when piped. */
function progressReporter(io: CliIo): { onProgress(p: GradeProgress): void; finish(): void } {
  let bar: ProgressBar | null = null;
  let current = '';
  return {
    onProgress(p) {
      if (p.testId !== current) {
        bar?.finish();
        current = p.testId;
        bar = io.interactive ? new ProgressBar((text) => io.stderr(text), p.steps) : null;
      }
      const text = `training test '${p.testId}': step ${p.step}/${p.steps}`;
      if (bar) bar.update(p.step, text);
      else if (p.step % Math.max(1, Math.ceil(p.steps / PROGRESS_LINES)) === 0 || p.step === p.steps) io.stderr(`${text}\n`);
    },
    finish() {
      bar?.finish();
    },
  };
}

/** Exit 0 once graded (whatever the score); 2 when a file cannot be read or is not a valid assignment or design. */
export async function gradeCommand(options: GradeOptions, io: CliIo, style: Style): Promise<ExitCode> {
  const assignment = await readAssignmentFile(options.assignment, io);
  if (!assignment.ok) {
    io.stderr(`${assignment.message}\n`);
    return ExitCode.usage;
  }
  const design = await readDesignFile(options.file, io);
  if (!design.ok) {
    io.stderr(`${design.message}\n`);
    return ExitCode.usage;
  }
  const progress = progressReporter(io);
  const report = gradeDesign(assignment.spec, design.doc, { onProgress: progress.onProgress });
  progress.finish();
  if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(`${style.bold(`${options.file} graded against '${assignment.spec.title}'`)}\n\n${gradeText(report, style)}`);
  return ExitCode.ok;
}
