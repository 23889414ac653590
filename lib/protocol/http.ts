import { z } from 'zod';
import { DesignTitle } from '../design/title.ts';

/** POST /api/designs */
export const CreateDesignRequest = z.object({ title: DesignTitle.optional() }).strict();
export type CreateDesignRequest = z.infer<typeof CreateDesignRequest>;

/** PATCH /api/designs/[id] */
export const RenameDesignRequest = z.object({ title: DesignTitle }).strict();
export type RenameDesignRequest = z.infer<typeof RenameDesignRequest>;

/** The summary of a design shown in lists and returned by the API. */
export interface DesignSummary {
  id: string;
  title: string;
  version: number;
  updatedAt: string;
}

/** Every refused request answers with this shape and a 4xx/5xx status. */
export interface ApiError {
  ok: false;
  code: string;
  message: string;
}

const VersionNumber = z.int().min(0);

/** POST /api/designs/[id]/restore: bring back an earlier version, as a new edit. */
export const RestoreRequest = z.strictObject({ version: VersionNumber });

/** POST /api/designs/[id]/fork: a new design from this one at a version (default: the latest). */
export const ForkRequest = z.strictObject({ version: VersionNumber.optional(), title: DesignTitle.optional() });

/** GET /api/designs/[id]/versions?limit=&before= */
export const VersionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(0).optional(),
});

/** The most ops one request of the op log returns. */
export const MAX_OPS_PAGE = 1000;

/** GET /api/designs/[id]/ops?after=&limit=: the op log itself, oldest first, for replaying it in the browser. */
export const OpsQuery = z.strictObject({
  /** Ops after this version (0: from the start). */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_OPS_PAGE).default(500),
});

/** POST /api/designs/import: a design document from a file (checked by parseDesignDocument), and a title for it. */
export const ImportDesignRequest = z.strictObject({ title: DesignTitle.optional(), document: z.unknown() });
export type ImportDesignRequest = z.infer<typeof ImportDesignRequest>;

/** A login: an email or a username, compared without case. */
export const Login = z.string().trim().toLowerCase().min(3).max(120).regex(/^[a-z0-9._@+-]+$/, 'use letters, digits and . _ @ + - only');
/** POST /api/auth/sign-up and /api/auth/sign-in */
export const Credentials = z.strictObject({ login: Login, password: z.string().min(8, 'at least 8 characters').max(200) });
export type Credentials = z.infer<typeof Credentials>;

/** POST /api/designs/[id]/links: a share link with a role and an optional lifetime. */
export const CreateShareLinkRequest = z.strictObject({
  role: z.enum(['view', 'comment', 'edit']),
  /** Hours until it stops working; none: until revoked. */
  expiresInHours: z.int().min(1).max(24 * 365).optional(),
});

/** A share link as its owner sees it. */
export interface ShareLinkInfo {
  id: string;
  token: string;
  role: 'view' | 'comment' | 'edit';
  createdAt: string;
  expiresAt: string | null;
  members: number;
}

/** A design someone else owns, with the role you have on it. */
export interface SharedDesignSummary extends DesignSummary {
  role: 'viewer' | 'commenter' | 'editor';
}

/** Who may open a design without being a member: nobody (private), or anyone who has its address, as a viewer. */
export const Visibility = z.enum(['private', 'link-view']);
export type Visibility = z.infer<typeof Visibility>;
/** PUT /api/designs/[id]/visibility */
export const SetVisibilityRequest = z.strictObject({ visibility: Visibility });
