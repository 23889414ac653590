import { assignmentSpecSchema, type AssignmentSpec } from '@/lib/grading/assignment-spec';

/** The schema's messages by field path ('tests.0.points'), the first one per path. */
export type SpecIssues = Record<string, string>;

/** Checks a draft with the assignment schema: the spec, or the messages to show next to each field. */
export function checkSpec(draft: unknown): { ok: true; spec: AssignmentSpec } | { ok: false; issues: SpecIssues } {
  const parsed = assignmentSpecSchema.safeParse(draft);
  if (parsed.success) return { ok: true, spec: parsed.data };
  const issues: SpecIssues = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    issues[key] ??= issue.message;
  }
  return { ok: false, issues };
}

/** A datetime-local input's value for an ISO instant, in the browser's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant (UTC) of a datetime-local value; null when empty. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
