import type { DesignOp } from '../design/ops/schema.ts';

/** One stored edit, as the op log keeps it (DesignOp rows). */
export interface OpLogRow {
  /** The participant id. */
  author: string;
  /** Their display name at the time. */
  authorName: string;
  createdAt: Date | string;
  /** The op as stored (JSON); its `type` decides the kind. */
  op: unknown;
}

/** What kind of edit an op is, for people reading who did what. */
export type EditKind = 'add-node' | 'remove-node' | 'move' | 'set-param' | 'connect' | 'disconnect' | 'rename' | 'block' | 'settings' | 'comment' | 'other';

export const EDIT_KIND_LABELS: Record<EditKind, string> = {
  'add-node': 'add node',
  'remove-node': 'remove node',
  move: 'move',
  'set-param': 'set param',
  connect: 'connect',
  disconnect: 'disconnect',
  rename: 'rename',
  block: 'blocks',
  settings: 'settings',
  comment: 'comment',
  other: 'other',
};

const KIND_OF_OP: Record<DesignOp['type'], EditKind> = {
  addNode: 'add-node',
  addNodes: 'add-node',
  removeNodes: 'remove-node',
  moveNodes: 'move',
  setParams: 'set-param',
  connect: 'connect',
  disconnect: 'disconnect',
  renameNode: 'rename',
  groupIntoBlock: 'block',
  ungroup: 'block',
  restoreBlock: 'block',
  setBlockRepeat: 'block',
  setBlockCollapsed: 'block',
  setSettings: 'settings',
  addComment: 'comment',
  replyComment: 'comment',
  resolveComment: 'comment',
  deleteComment: 'comment',
  deleteReply: 'comment',
};

/** The kind of a stored op; ops of an unknown shape are 'other'. */
export function editKind(op: unknown): EditKind {
  const type = typeof op === 'object' && op !== null ? (op as { type?: unknown }).type : undefined;
  return typeof type === 'string' && Object.hasOwn(KIND_OF_OP, type) ? KIND_OF_OP[type as DesignOp['type']] : 'other';
}

/** One member's edits. */
export interface MemberContribution {
  author: string;
  /** The latest name they edited under. */
  authorName: string;
  total: number;
  /** Every kind, zero included, in EDIT_KIND_LABELS order. */
  byKind: Record<EditKind, number>;
  /** Edits per minute, aligned with `Contributions.minutes`. */
  perMinute: number[];
}

export interface Contributions {
  /** Start of every minute from the first edit's to the last's (ISO, UTC), empty minutes included. */
  minutes: string[];
  /** Most edits first (ties by name). */
  members: MemberContribution[];
}

const MINUTE_MS = 60_000;
/** A log spanning more minutes than this is bucketed from its last day only, so that a stray old edit cannot blow up the series. */
export const MAX_MINUTES = 24 * 60;

const emptyKinds = (): Record<EditKind, number> => Object.fromEntries(Object.keys(EDIT_KIND_LABELS).map((k) => [k, 0])) as Record<EditKind, number>;

/**
 * Each member's edits by kind and over time (counts per minute), read from
 * a design's op log. Rows may come in any order.
 */
export function contributions(rows: readonly OpLogRow[]): Contributions {
  const timed = rows.map((row) => ({ row, at: new Date(row.createdAt).getTime() })).filter((r) => Number.isFinite(r.at)).sort((a, b) => a.at - b.at);
  if (timed.length === 0) return { minutes: [], members: [] };
  const last = Math.floor(timed.at(-1)!.at / MINUTE_MS);
  const first = Math.max(Math.floor(timed[0].at / MINUTE_MS), last - MAX_MINUTES + 1);
  const minutes = Array.from({ length: last - first + 1 }, (_, i) => new Date((first + i) * MINUTE_MS).toISOString());
  const members = new Map<string, MemberContribution>();
  for (const { row, at } of timed) {
    let member = members.get(row.author);
    if (!member) {
      member = { author: row.author, authorName: row.authorName, total: 0, byKind: emptyKinds(), perMinute: minutes.map(() => 0) };
      members.set(row.author, member);
    }
    if (row.authorName) member.authorName = row.authorName;
    member.total += 1;
    member.byKind[editKind(row.op)] += 1;
    const bucket = Math.floor(at / MINUTE_MS) - first;
    if (bucket >= 0) member.perMinute[bucket] += 1;
  }
  return { minutes, members: [...members.values()].sort((a, b) => b.total - a.total || a.authorName.localeCompare(b.authorName)) };
}
