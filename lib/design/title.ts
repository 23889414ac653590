import { z } from 'zod';

export const MAX_TITLE_LENGTH = 120;
export const DEFAULT_TITLE = 'Untitled design';

/** A design title: trimmed, one line, 1–120 characters. */
export const DesignTitle = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, 'A title cannot be empty')
      .max(MAX_TITLE_LENGTH, `A title has at most ${MAX_TITLE_LENGTH} characters`),
  );
