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
