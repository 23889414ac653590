/** A design file from disk to a checked document, or one line naming the file and the problem. */
import { parseDesignDocument, type DesignDocument, type ParseErrorCode } from '../../lib/design/index.ts';
import { MAX_FILE_BYTES, type CliIo } from './io.ts';
import { findJsonSyntaxError } from './json-syntax.ts';

/** Why a file is not a usable design: unreadable, not JSON, or refused by the document parser. */
export interface DesignFileError {
  code: 'unreadable' | ParseErrorCode;
  /** One line for the person: `t.json: $.nodes[3].params.heads: …`. */
  message: string;
  /** The JSON path of the culprit, when the file parsed as JSON. */
  path?: string;
  /** 1-based position of a JSON syntax error. */
  line?: number;
  column?: number;
}

/** A read design file: the checked document, or the reason it is not one. */
export type DesignFile = { ok: true; doc: DesignDocument } | ({ ok: false } & DesignFileError);

/** Reads, parses and checks a design file (size-capped; never throws for a bad file). */
export async function readDesignFile(file: string, io: CliIo): Promise<DesignFile> {
  const read = await io.readFile(file, MAX_FILE_BYTES);
  if (!read.ok) return { ok: false, code: 'unreadable', message: `${file}: ${read.reason}` };
  const text = read.text.startsWith('\uFEFF') ? read.text.slice(1) : read.text;
  if (text.trim() === '') return { ok: false, code: 'bad-json', message: `${file}: the file is empty; a design is a JSON document` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = findJsonSyntaxError(text);
    if (!where) return { ok: false, code: 'bad-json', message: `${file}: not valid JSON (${(error as Error).message})` };
    const { line, column } = where;
    return { ok: false, code: 'bad-json', line, column, message: `${file}: line ${line}, column ${column}: not valid JSON: ${where.message}` };
  }
  const parsed = parseDesignDocument(value);
  if (!parsed.ok) return { ok: false, code: parsed.code, path: parsed.path, message: `${file}: ${parsed.message}` };
  return { ok: true, doc: parsed.doc };
}
