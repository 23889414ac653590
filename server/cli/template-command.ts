/** `multihead template list` and `template show NAME`: the built-in designs. */
import { countDesign } from '../../lib/compile/count.ts';
import { listTemplates, templateDocument } from '../../lib/design/index.ts';
import { ExitCode } from './exit-code.ts';
import { compact } from './format.ts';
import type { CliIo } from './io.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';

/** Parameters of a template, counted without allocating weights. */
function templateParams(name: string): number | null {
  const result = templateDocument(name);
  return result.ok ? countDesign(result.doc).total.params : null;
}

/** Lists the templates: name, parameters, tiny or not, title (and summary in JSON). */
export function templateListCommand(options: { json: boolean }, io: CliIo, style: Style): ExitCode {
  const templates = listTemplates().map((t) => ({ ...t, params: templateParams(t.name) }));
  if (options.json) {
    io.stdout(`${JSON.stringify(templates, null, 2)}\n`);
    return ExitCode.ok;
  }
  const table = renderTable(
    [{ header: 'name' }, { header: 'params', align: 'right' }, { header: 'size' }, { header: 'title' }],
    templates.map((t) => [t.name, t.params === null ? '?' : compact(t.params), t.tiny ? 'tiny' : 'full', t.title]),
    style,
  );
  io.stdout(`${table}\n\n${style.dim("Save one with: multihead template show NAME > design.json")}\n`);
  return ExitCode.ok;
}

/** Prints a template's document as JSON; exit 2 for an unknown name. */
export function templateShowCommand(options: { template: string }, io: CliIo): ExitCode {
  const result = templateDocument(options.template);
  if (!result.ok) {
    io.stderr(`multihead: ${result.message}\n`);
    return ExitCode.usage;
  }
  io.stdout(`${JSON.stringify(result.doc, null, 2)}\n`);
  return ExitCode.ok;
}
