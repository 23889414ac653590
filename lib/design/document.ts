import { z } from 'zod';

/**
 * The design document: nodes, edges, run settings and comments, as stored in
 * a design's snapshot and in exported files. `formatVersion` lets older files
 * keep loading (see migrations.ts); the node params are checked against the
 * catalog by parse.ts, which also enforces the structural invariants.
 */
export const FORMAT_VERSION = 1;

// Caps keep a hostile or corrupted file from costing more than a fraction of a second.
export const MAX_NODES = 2000;
export const MAX_EDGES = 5000;
export const MAX_COMMENTS = 1000;
export const MAX_REPLIES = 200;
export const MAX_ID_LENGTH = 64;
export const MAX_LABEL_LENGTH = 80;
export const MAX_COMMENT_LENGTH = 2000;
export const MAX_BLOCK_DEPTH = 8;
const MAX_COORDINATE = 1_000_000;

/** Node, edge and comment ids: short, printable, safe in URLs and JSON paths. */
export const ElementId = z
  .string()
  .min(1, 'an id cannot be empty')
  .max(MAX_ID_LENGTH, `an id has at most ${MAX_ID_LENGTH} characters`)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'an id uses only letters, digits and _ . : -');

/** Canvas position; a child's position is relative to its block, as in xyflow. */
export const Position = z.strictObject({
  x: z.number().min(-MAX_COORDINATE).max(MAX_COORDINATE),
  y: z.number().min(-MAX_COORDINATE).max(MAX_COORDINATE),
});
export type Position = z.infer<typeof Position>;

/** One end of an edge: a node and one of its ports. */
export const PortRef = z.strictObject({ node: ElementId, port: z.string().min(1).max(32) });
export type PortRef = z.infer<typeof PortRef>;

export const NodeLabel = z.string().min(1).max(MAX_LABEL_LENGTH);

export const DesignNode = z.strictObject({
  id: ElementId,
  type: z.string().min(1).max(64),
  label: NodeLabel.optional(),
  /** Complete and valid for the node's catalog type once parsed (defaults filled in). */
  params: z.record(z.string(), z.unknown()).default(() => ({})),
  position: Position,
  /** The block this node sits inside, if any. */
  parentId: ElementId.optional(),
});
export type DesignNode = z.infer<typeof DesignNode>;

export const DesignEdge = z.strictObject({ id: ElementId, source: PortRef, target: PortRef });
export type DesignEdge = z.infer<typeof DesignEdge>;

export const TrainingSettings = z.strictObject({
  /** Off for designs that are only inspected or run forward. */
  enabled: z.boolean().default(true),
  optimizer: z.enum(['adam', 'adamw']).default('adam'),
  learningRate: z.number().positive().max(10).default(1e-3),
  /** Steps of the paper's linear warm-up; 0 = none. */
  warmupSteps: z.int().min(0).max(1_000_000).default(0),
  steps: z.int().min(1).max(1_000_000).default(200),
  labelSmoothing: z.number().min(0).max(0.5).default(0),
});
export type TrainingSettings = z.infer<typeof TrainingSettings>;

/**
 * Run settings. Sequence lengths live on the input nodes rather than here,
 * because an encoder–decoder has two inputs of different lengths.
 */
export const DesignSettings = z.strictObject({
  /** Examples in the sample batch used for shapes and forward runs. */
  batchSize: z.int().min(1).max(1024).default(8),
  seed: z.int().min(0).max(2 ** 32 - 1).default(0),
  training: TrainingSettings.prefault({}),
});
export type DesignSettings = z.infer<typeof DesignSettings>;

const CommentText = z.string().min(1, 'a comment cannot be empty').max(MAX_COMMENT_LENGTH);
const Author = z.string().min(1).max(64);
/** An ISO timestamp chosen by whoever issues the op, so applying ops stays pure. */
const Timestamp = z.string().max(40);

/** Who wrote it: `authorId` is the person's participant id (absent in files made before it existed). */
const AuthorId = ElementId.optional();

export const CommentReply = z.strictObject({ id: ElementId, author: Author, authorId: AuthorId, text: CommentText, at: Timestamp });
export type CommentReply = z.infer<typeof CommentReply>;

export const DesignComment = z.strictObject({
  id: ElementId,
  /** The node discussed, or null for the design as a whole. Kept when the node is deleted so undo brings both back. */
  nodeId: ElementId.nullable().default(null),
  author: Author,
  authorId: AuthorId,
  text: CommentText,
  at: Timestamp,
  resolved: z.boolean().default(false),
  replies: z.array(CommentReply).max(MAX_REPLIES).default(() => []),
});
export type DesignComment = z.infer<typeof DesignComment>;

/** The document's shape; parse.ts adds the catalog and structural checks. */
export const DesignDocumentSchema = z.strictObject({
  formatVersion: z.literal(FORMAT_VERSION),
  nodes: z.array(DesignNode).max(MAX_NODES, `a design has at most ${MAX_NODES} nodes`),
  edges: z.array(DesignEdge).max(MAX_EDGES, `a design has at most ${MAX_EDGES} edges`),
  settings: DesignSettings.prefault({}),
  comments: z.array(DesignComment).max(MAX_COMMENTS).default(() => []),
});
export type DesignDocument = z.infer<typeof DesignDocumentSchema>;

/** The default run settings. */
export function defaultSettings(): DesignSettings {
  return DesignSettings.parse({});
}

/** A blank canvas. */
export function emptyDesignDocument(): DesignDocument {
  return { formatVersion: FORMAT_VERSION, nodes: [], edges: [], settings: defaultSettings(), comments: [] };
}
