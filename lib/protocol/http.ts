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
