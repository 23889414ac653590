import { z } from 'zod';
import { MAX_REPEAT } from '../catalog/block.ts';
import { describeIssue } from '../zod-issue.ts';
import {
  CommentReply,
  DesignComment,
  DesignEdge,
  DesignNode,
  ElementId,
  MAX_EDGES,
  MAX_NODES,
  NodeLabel,
  PortRef,
  Position,
  TrainingSettings,
  DesignSettings,
} from '../document.ts';

/** A node to add: params may be partial (defaults are filled in from the catalog). */
export const NodeInit = DesignNode.extend({ params: z.record(z.string(), z.unknown()).optional() });
export type NodeInit = z.infer<typeof NodeInit>;

const Index = z.int().min(0).max(MAX_EDGES);
/** Where re-inserted items go in the arrays (undo restores the original order); appended when absent. */
const Placement = z.strictObject({ nodes: z.array(Index).max(MAX_NODES), edges: z.array(Index).max(MAX_EDGES) });

const SettingsPatch = DesignSettings.omit({ training: true })
  .partial()
  .extend({ training: TrainingSettings.partial().optional() })
  .strict();

/**
 * Every edit of a design, as sent by clients and stored in the op log.
 * restoreBlock exists to undo ungroup exactly; deleteComment and deleteReply
 * undo addComment and replyComment.
 */
export const DesignOp = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('addNode'), node: NodeInit }),
  z.strictObject({
    type: z.literal('addNodes'),
    nodes: z.array(NodeInit).max(MAX_NODES),
    edges: z.array(DesignEdge).max(MAX_EDGES),
    placement: Placement.optional(),
    /** Run settings changed in the same edit (a template brings its own), so one undo takes both back. */
    settings: SettingsPatch.optional(),
  }),
  z.strictObject({
    type: z.literal('removeNodes'),
    ids: z.array(ElementId).min(1).max(MAX_NODES),
    /** Run settings put back in the same edit (the undo of an addNodes that changed them). */
    settings: SettingsPatch.optional(),
  }),
  z.strictObject({
    type: z.literal('moveNodes'),
    moves: z.array(z.strictObject({ id: ElementId, position: Position })).min(1).max(MAX_NODES),
  }),
  z.strictObject({ type: z.literal('setParams'), id: ElementId, params: z.record(z.string(), z.unknown()) }),
  z.strictObject({ type: z.literal('connect'), edge: DesignEdge, index: Index.optional() }),
  z.strictObject({ type: z.literal('disconnect'), id: ElementId }),
  z.strictObject({ type: z.literal('renameNode'), id: ElementId, label: NodeLabel.nullable() }),
  z.strictObject({
    type: z.literal('groupIntoBlock'),
    blockId: ElementId,
    nodeIds: z.array(ElementId).min(1).max(MAX_NODES),
    kind: z.enum(['encoder', 'decoder', 'custom']).optional(),
    label: NodeLabel.optional(),
    position: Position.optional(),
    /** Ids for the new edges into in/memory and out of out; derived from blockId when absent. */
    edgeIds: z.strictObject({ in: ElementId.optional(), memory: ElementId.optional(), out: ElementId.optional() }).optional(),
  }),
  z.strictObject({
    type: z.literal('ungroup'),
    id: ElementId,
    /** Exact positions for the freed children (set by undo of groupIntoBlock); otherwise block position + relative position. */
    positions: z.array(z.strictObject({ id: ElementId, position: Position })).max(MAX_NODES).optional(),
  }),
  z.strictObject({
    type: z.literal('restoreBlock'),
    block: DesignNode,
    index: z.int().min(0).max(MAX_NODES),
    children: z.array(z.strictObject({ id: ElementId, position: Position })).max(MAX_NODES),
    /** Edges to re-add at their indices. */
    edges: z.array(z.strictObject({ edge: DesignEdge, index: Index })).max(MAX_EDGES),
    /** Edges whose source goes back to a block port. */
    rewire: z.array(z.strictObject({ edgeId: ElementId, source: PortRef })).max(MAX_EDGES),
  }),
  z.strictObject({ type: z.literal('setBlockRepeat'), id: ElementId, repeat: z.int().min(1).max(MAX_REPEAT) }),
  z.strictObject({ type: z.literal('setBlockCollapsed'), id: ElementId, collapsed: z.boolean() }),
  z.strictObject({ type: z.literal('setSettings'), settings: SettingsPatch }),
  z.strictObject({ type: z.literal('addComment'), comment: DesignComment, index: Index.optional() }),
  z.strictObject({ type: z.literal('replyComment'), commentId: ElementId, reply: CommentReply, index: Index.optional() }),
  z.strictObject({ type: z.literal('resolveComment'), id: ElementId, resolved: z.boolean() }),
  z.strictObject({ type: z.literal('deleteComment'), id: ElementId }),
  z.strictObject({ type: z.literal('deleteReply'), commentId: ElementId, replyId: ElementId }),
]);
export type DesignOp = z.infer<typeof DesignOp>;
export type DesignOpInput = z.input<typeof DesignOp>;
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Why an op was refused: a code for programs, a sentence for people. */
export type OpRefusalCode =
  | 'bad-op'
  | 'unknown-node'
  | 'unknown-node-type'
  | 'unknown-edge'
  | 'unknown-comment'
  | 'unknown-port'
  | 'duplicate-id'
  | 'bad-params'
  | 'bad-settings'
  | 'port-in-use'
  | 'not-a-block'
  | 'unknown-parent'
  | 'block-too-deep'
  | 'bad-group'
  | 'cross-scope'
  | 'input-to-input'
  | 'output-to-output'
  | 'reversed-edge'
  | 'bad-edge'
  | 'incompatible-ports'
  | 'input-taken'
  | 'cycle'
  | 'too-large'
  | 'not-author'
  | 'not-restorable';

export interface OpRefusal {
  ok: false;
  code: OpRefusalCode;
  message: string;
}

export type OpResult<D> = { ok: true; doc: D; inverse: DesignOp } | OpRefusal;

/** Reads an op from untrusted JSON; the refusal names the offending field. */
export function parseDesignOp(input: unknown): { ok: true; op: DesignOp } | OpRefusal {
  const parsed = DesignOp.safeParse(input);
  if (parsed.success) return { ok: true, op: parsed.data };
  return { ok: false, code: 'bad-op', message: describeIssue(parsed.error.issues[0]) };
}
