import type { DesignOp } from '../design/ops/schema.ts';

/** What someone may do with a design, weakest first. The owner is the one person who may manage links. */
export const ROLES = ['viewer', 'commenter', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** A share link grants one of these; accepting it makes a member with the matching role. */
export const LINK_ROLES = ['view', 'comment', 'edit'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];
export const ROLE_OF_LINK: Record<LinkRole, Exclude<Role, 'owner'>> = { view: 'viewer', comment: 'commenter', edit: 'editor' };

/** The ops a commenter may make: talking about the design, never changing it. */
export const COMMENT_OPS = ['addComment', 'replyComment', 'resolveComment'] as const satisfies ReadonlyArray<DesignOp['type']>;

/** Everything that can be asked of a design, over HTTP or the socket. */
export type Action =
  | 'read' // open it, receive the document and live updates, see runs
  | 'join'
  | 'presence' // cursor, selection, viewport
  | 'history'
  | 'fork'
  | 'export'
  | 'comment' // the ops in COMMENT_OPS
  | 'edit' // every other op, rename included
  | 'restore'
  | 'run'
  | 'train'
  | 'cancel'
  | 'manage-links';

/** The one table of who may do what: the weakest role allowed each action. */
const WEAKEST: Record<Action, Role> = {
  read: 'viewer',
  join: 'viewer',
  presence: 'viewer',
  history: 'viewer',
  fork: 'viewer',
  export: 'viewer',
  comment: 'commenter',
  edit: 'editor',
  restore: 'editor',
  run: 'editor',
  train: 'editor',
  cancel: 'editor',
  'manage-links': 'owner',
};

/** Whether `role` (null: no access at all) may do `action`. */
export function can(role: Role | null, action: Action): boolean {
  return role !== null && ROLES.indexOf(role) >= ROLES.indexOf(WEAKEST[action]);
}

/** The action an op of this type is: a comment, or an edit. */
export function opAction(type: string): Action {
  return (COMMENT_OPS as readonly string[]).includes(type) ? 'comment' : 'edit';
}

/** The stronger of two roles. */
export function strongerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}
