import type { z } from 'zod';
import { describeIssue } from '../design/zod-issue.ts';

/** The first problem zod found, as one bounded sentence led by where it is ("tests.2.points: …"). */
export function issueMessage(error: z.ZodError): string {
  return describeIssue(error.issues[0]);
}
