import type { z } from 'zod';

/** The first problem zod found, as one sentence led by where it is ("tests.2.points: …"). */
export function issueMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
