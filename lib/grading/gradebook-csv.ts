/** A test as a gradebook column. */
export interface GradebookTest {
  id: string;
  name: string;
  points: number;
}

/** A group's grade: points per test id (null or absent: not graded), the late penalty and the total after it. */
export interface GroupGrade {
  points: Record<string, number | null | undefined>;
  latePenalty: number;
  total: number;
}

/** One participant and their group's grade (null: the group has no grade yet). */
export interface GradebookRow {
  participant: string;
  group: string;
  grade: GroupGrade | null;
}

export interface Gradebook {
  tests: GradebookTest[];
  rows: GradebookRow[];
}

// A spreadsheet runs a cell that starts like a formula; tab and CR start some too.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One text cell: neutralised against formula injection, then quoted as RFC 4180 asks. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number cell (never a formula, so never prefixed); empty when there is none. */
function csvNumber(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
}

/**
 * The gradebook as CSV (RFC 4180, CRLF line ends): one row per participant
 * with their group, each test's points, the late penalty and the total.
 * Text cells that a spreadsheet would run as a formula get a leading '.
 */
export function gradebookCsv({ tests, rows }: Gradebook): string {
  const header = ['participant', 'group', ...tests.map((t) => `${t.name} (${t.points})`), 'late penalty', 'total'].map(csvText);
  const lines = rows.map((row) => [
    csvText(row.participant),
    csvText(row.group),
    ...tests.map((t) => csvNumber(row.grade?.points[t.id])),
    csvNumber(row.grade?.latePenalty),
    csvNumber(row.grade?.total),
  ]);
  return [header, ...lines].map((cells) => `${cells.join(',')}\r\n`).join('');
}
