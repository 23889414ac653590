/** Aligned plain-text tables for the terminal; cells may carry ANSI styles. */
import { visibleWidth, type Style } from './style.ts';

/** A table column: its header and how its cells line up. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Renders rows under bold headers and a rule, each column as wide as its widest cell. */
export function renderTable(columns: readonly Column[], rows: readonly string[][], style: Style): string {
  const widths = columns.map((c, i) => Math.max(visibleWidth(c.header), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const pad = (text: string, i: number): string => {
    const fill = ' '.repeat(widths[i] - visibleWidth(text));
    return (columns[i].align ?? 'left') === 'left' ? text + fill : fill + text;
  };
  // The last column is not padded, so lines carry no trailing spaces.
  const line = (cells: readonly string[]): string =>
    ('  ' + cells.map((cell, i) => (i === cells.length - 1 && columns[i].align !== 'right' ? cell : pad(cell, i))).join('  ')).trimEnd();
  const header = line(columns.map((c) => c.header));
  const rule = '  ' + widths.map((w) => '─'.repeat(w)).join('  ');
  return [style.bold(header), style.dim(rule), ...rows.map((r) => line(columns.map((_, i) => r[i] ?? '')))].join('\n');
}
