/** An assignment file from disk to a checked spec, or lines naming the file, each problem's path and zod's message. */
import { assignmentSpecSchema, type AssignmentSpec } from '../../lib/grading/assignment-spec.ts';
import { MAX_FILE_BYTES, type CliIo } from './io.ts';
import { findJsonSyntaxError } from './json-syntax.ts';

/** A read assignment: the spec, or what is wrong with the file (one line per problem). */
export type AssignmentFile = { ok: true; spec: AssignmentSpec } | { ok: false; message: string };

/** Problems listed before "and N more". */
const MAX_LISTED = 10;

/** `tests[0].points` from zod's path. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(the whole file)';
}

/** Reads, parses and checks an assignment file (size-capped; never throws for a bad file). */
export async function readAssignmentFile(file: string, io: CliIo): Promise<AssignmentFile> {
  const read = await io.readFile(file, MAX_FILE_BYTES);
  if (!read.ok) return { ok: false, message: `${file}: ${read.reason}` };
  const text = read.text.startsWith('\uFEFF') ? read.text.slice(1) : read.text;
  if (text.trim() === '') return { ok: false, message: `${file}: the file is empty; an assignment is a JSON document` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = findJsonSyntaxError(text);
    if (!where) return { ok: false, message: `${file}: not valid JSON (${(error as Error).message})` };
    return { ok: false, message: `${file}: line ${where.line}, column ${where.column}: not valid JSON: ${where.message}` };
  }
  const parsed = assignmentSpecSchema.safeParse(value);
  if (parsed.success) return { ok: true, spec: parsed.data };
  const issues = parsed.error.issues;
  const lines = issues.slice(0, MAX_LISTED).map((issue) => `  ${pathText(issue.path)}: ${issue.message}`);
  if (issues.length > MAX_LISTED) lines.push(`  and ${issues.length - MAX_LISTED} more`);
  return { ok: false, message: `${file}: not a valid assignment (format "multihead-assignment", version 1):\n${lines.join('\n')}` };
}
