/** The longest refusal sentence sent back: zod names every unknown key, which a hostile input can make endless. */
export const MAX_ISSUE_MESSAGE = 300;

/** Cuts a refusal sentence to MAX_ISSUE_MESSAGE characters, marking the cut. */
export function boundedMessage(text: string): string {
  return text.length <= MAX_ISSUE_MESSAGE ? text : `${text.slice(0, MAX_ISSUE_MESSAGE - 1)}…`;
}

/** One zod issue as a sentence led by where it is ("tests.2.points: …"), bounded. */
export function describeIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  const path = issue.path.map(String).join('.');
  return boundedMessage(path ? `${path}: ${issue.message}` : issue.message);
}
