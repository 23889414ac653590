'use client';

import { z } from 'zod';

// The pages' Content-Security-Policy forbids eval: zod would otherwise probe for it with
// `Function('')` on its first parse (a reported violation) before falling back to this mode.
z.config({ jitless: true });

/** Rendered once in the root layout so the setting above runs in every page's browser bundle. */
export function ZodWithoutEval(): null {
  return null;
}
