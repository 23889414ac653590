/** Plain-text tables and number formatting for terminal output. */

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

/** Renders rows under headers with aligned columns and a rule below the header. */
export function renderTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (text: string, i: number): string =>
    (columns[i].align ?? 'right') === 'left' ? text.padEnd(widths[i]) : text.padStart(widths[i]);
  const line = (cells: string[]): string => '  ' + cells.map((cell, i) => pad(cell, i)).join('   ');
  const rule = '  ' + widths.map((w) => '─'.repeat(w)).join('   ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

/** Three significant figures, without exponent notation for the ranges printed here. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toFixed(digits);
}

/** "4.9× tfjs-cpu": how many times `ours` is as fast as `other` (both in the same higher-is-faster unit). */
export function speedRatio(ours: number | null, other: number | null, otherName: string): string {
  if (ours === null || other === null || !Number.isFinite(ours) || !Number.isFinite(other) || other === 0) {
    return 'n/a';
  }
  return `${fmt(ours / other)}× ${otherName}`;
}

/** A value with its unit, or "n/a" when it was not measured. */
export function withUnit(value: number | null, unit: string): string {
  return value === null ? 'n/a' : `${fmt(value)} ${unit}`;
}

/** Section heading with an underline. */
export function heading(title: string): string {
  return `\n${title}\n${'═'.repeat(title.length)}`;
}
