import { z } from 'zod';
import { DesignDocumentSchema, type DesignDocument } from './document.ts';
import { applyOp, DesignOp, type OpRefusal } from './ops/index.ts';
import { parseDesignDocument } from './parse.ts';
import { DesignTitle } from './title.ts';
import { describeIssue } from './zod-issue.ts';

/** Everything a design's op log changes: its title and its document. */
export interface DesignState {
  title: string;
  doc: DesignDocument;
}

/** Renaming the design itself (not a node): an edit like any other, so it has a version and an undo. */
export const RenameDesign = z.strictObject({ type: z.literal('renameDesign'), title: DesignTitle });
export type RenameDesign = z.infer<typeof RenameDesign>;

/**
 * Going back to an earlier version (or starting a fork from one): the whole
 * state is replaced, as one new edit, so history only ever grows and the
 * restore itself can be undone.
 */
export const RestoreVersion = z.strictObject({
  type: z.literal('restoreVersion'),
  /** The version restored, or -1 when the state comes from elsewhere (an import). */
  fromVersion: z.int().min(-1),
  title: DesignTitle,
  doc: DesignDocumentSchema,
});
export type RestoreVersion = z.infer<typeof RestoreVersion>;

/** One entry of a design's op log. */
export const LoggedOp = z.union([DesignOp, RenameDesign, RestoreVersion]);
export type LoggedOp = z.infer<typeof LoggedOp>;

export type StateOpResult = { ok: true; state: DesignState; inverse: LoggedOp } | OpRefusal;

/** Applies one logged op to a design's state; pure, and refused ops change nothing. */
export function applyLoggedOp(state: DesignState, op: LoggedOp): StateOpResult {
  if (op.type === 'renameDesign') {
    return { ok: true, state: { ...state, title: op.title }, inverse: { type: 'renameDesign', title: state.title } };
  }
  if (op.type === 'restoreVersion') {
    // The structure was checked by the schema; the catalog rules are checked here.
    const parsed = parseDesignDocument(op.doc);
    if (!parsed.ok) return { ok: false, code: 'bad-op', message: `doc: ${parsed.message}` };
    return {
      ok: true,
      state: { title: op.title, doc: parsed.doc },
      inverse: { type: 'restoreVersion', fromVersion: -1, title: state.title, doc: state.doc },
    };
  }
  const result = applyOp(state.doc, op);
  return result.ok ? { ok: true, state: { ...state, doc: result.doc }, inverse: result.inverse } : result;
}

/** Reads a logged op from untrusted JSON; the refusal names the offending field. */
export function parseLoggedOp(input: unknown): { ok: true; op: LoggedOp } | OpRefusal {
  const parsed = LoggedOp.safeParse(input);
  if (parsed.success) return { ok: true, op: parsed.data };
  // A union's first issue is rarely the useful one: report against the op's own schema.
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  const schema = type === 'renameDesign' ? RenameDesign : type === 'restoreVersion' ? RestoreVersion : DesignOp;
  const issue = (schema.safeParse(input).error ?? parsed.error).issues[0];
  return { ok: false, code: 'bad-op', message: describeIssue(issue) };
}
