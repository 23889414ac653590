import { parseParams } from './catalog/index.ts';
import { DesignDocumentSchema, MAX_COMMENTS, MAX_EDGES, MAX_NODES, type DesignDocument } from './document.ts';
import { indexDesign } from './graph.ts';
import { structureProblem } from './integrity.ts';
import { migrateDocument, MIGRATIONS, type Migration } from './migrations.ts';
import { boundedMessage } from './zod-issue.ts';

export type ParseErrorCode =
  | 'bad-json'
  | 'bad-format-version'
  | 'format-too-new'
  | 'bad-document'
  | 'too-large'
  | 'unknown-node-type'
  | 'bad-params'
  | 'duplicate-id'
  | 'unknown-parent'
  | 'block-too-deep'
  | 'bad-edge';

export type ParseResult =
  | { ok: true; doc: DesignDocument }
  | {
      ok: false;
      code: ParseErrorCode;
      /** One sentence naming the problem, starting with its JSON path. */
      message: string;
      /** JSON path of the culprit, e.g. `$.nodes[3].params.heads`. */
      path: string;
    };

/** Formats a path as `$.nodes[3].params.heads`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), '$');
}

function fail(code: ParseErrorCode, path: readonly PropertyKey[], reason: string): ParseResult {
  const where = jsonPath(path);
  return { ok: false, code, message: `${where}: ${reason}`, path: where };
}

const CAPS: [key: string, max: number][] = [
  ['nodes', MAX_NODES],
  ['edges', MAX_EDGES],
  ['comments', MAX_COMMENTS],
];

/**
 * Reads a design document from JSON text or an already-parsed value:
 * migrates old formats, checks the shape, the params of every node against
 * the catalog (filling in defaults) and the structural invariants. Never
 * throws; a refusal names the JSON path and the reason.
 */
export function parseDesignDocument(input: unknown, migrations: Readonly<Record<number, Migration>> = MIGRATIONS): ParseResult {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (e) {
      return fail('bad-json', [], `not valid JSON (${(e as Error).message})`);
    }
  }
  const migrated = migrateDocument(raw, migrations);
  if (!migrated.ok) return fail(migrated.code, ['formatVersion'], migrated.message);
  // Refuse absurd sizes before the schema walks every element.
  for (const [key, max] of CAPS) {
    const list = migrated.doc[key];
    if (Array.isArray(list) && list.length > max) return fail('too-large', [key], `${list.length} ${key}, at most ${max} allowed`);
  }
  const shaped = DesignDocumentSchema.safeParse(migrated.doc);
  if (!shaped.success) {
    const issue = shaped.error.issues[0];
    return fail('bad-document', issue.path, boundedMessage(issue.message));
  }
  const doc = shaped.data;
  for (const [i, node] of doc.nodes.entries()) {
    const params = parseParams(node.type, node.params);
    if (!params.ok) {
      return params.code === 'unknown-node-type'
        ? fail('unknown-node-type', ['nodes', i, 'type'], `node '${node.id}' has the unknown type '${node.type}'`)
        : fail('bad-params', ['nodes', i, 'params', ...params.path], `node '${node.id}': ${params.message}`);
    }
    node.params = params.params;
  }
  const problem = structureProblem(doc, indexDesign(doc));
  if (problem) return fail(problem.code, problem.path, problem.message);
  return { ok: true, doc };
}
